using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// A narrower case of a procedure — its name plus words that narrow it ("đăng ký khai tử <b>lưu động</b>",
/// "… <b>có yếu tố nước ngoài</b>", "đăng ký <b>lại</b> …") — is the answer only when the question says what narrows
/// it. When it does not, the general procedure is what the citizen asked for: it goes first, and the narrower cases
/// around it do not make the question ambiguous ("giờ đi làm khai tử ở đâu": the death registration, not the mobile one).
/// </summary>
public static class GeneralCase
{
    /// <summary>How far down the ranking the general procedure is looked for.</summary>
    public const int Reach = 4;

    /// <summary>How much lower than the narrower case first in the ranking the general one may score and still go first.</summary>
    public const double MaxDeficit = 0.1;

    /// <summary>
    /// At most this many narrowing words: a short qualifier ("lưu động", "có yếu tố nước ngoài", "lại"). A longer one
    /// describes a case of its own ("… cho người đã có hồ sơ, giấy tờ cá nhân"), which the ranking judges as it is.
    /// </summary>
    public const int MaxNarrowingWords = 4;

    /// <summary>
    /// Words that turn a name into its opposite ("… mà người dịch <b>không phải</b> là cộng tác viên"): not a narrowing.
    /// Told apart as written, since folding joins them to other words ("chưa" and the "chữa" of "sửa chữa", "khám chữa
    /// bệnh" or the "chứa" of "hồ chứa" all fold to "chua"; "phải" and the "phái" of "phái sinh" to "phai").
    /// </summary>
    static readonly HashSet<string> Negating = new(new[] { "không", "chưa", "phải" }.Select(VietnameseText.Normalize), StringComparer.Ordinal);

    /// <summary>The same words folded: only a word that folds to one of them is looked at as written.</summary>
    static readonly HashSet<string> NegatingFolded = new(Negating.Select(VietnameseText.Fold), StringComparer.Ordinal);

    static bool Negates(Words words, int k) =>
        NegatingFolded.Contains(words.Folded[k]) && words.Written is var written && written.Length == words.Folded.Length &&
        Negating.Contains(VietnameseText.Normalize(written[k]));

    /// <summary>
    /// Words that name the default case, which a question without a qualifier means: "cấp giấy phép xây dựng
    /// <b>mới</b>" is the general case of "cấp <b>lại</b> / cấp <b>điều chỉnh</b> / cấp … <b>sửa chữa, cải tạo</b>".
    /// </summary>
    static readonly HashSet<string> Default = new(StringComparer.Ordinal) { "moi" };

    /// <summary>Words that join a qualifier to a name and say nothing of the case itself (folded).</summary>
    static readonly HashSet<string> Joining = new(StringComparer.Ordinal) { "co", "cho", "cua", "va", "cac", "doi", "voi", "tai", "trong", "duoc", "da", "ve", "ma" };

    static readonly char[] Separators = [' ', ',', ';', ':', '.', '/', '-', '–', '(', ')', '"', '“', '”', '\''];

    /// <summary>
    /// The words of a procedure name that say what it is (without its level note and a leading "thủ tục"), folded: they
    /// are compared with the question's and with other names. The same words as written (lower case, one for one) are
    /// read only for a word that folds like a negation, so most rankings never split a name twice.
    /// </summary>
    public sealed class Words(string name, string[] folded)
    {
        string[]? _written;

        public string[] Folded { get; } = folded;

        public string[] Written => _written ??= KeyWords(LevelVariants.WrittenKey(name), Folded.Length);
    }

    /// <summary>The <see cref="Words"/> of a name (its punctuation is not part of a word: "sửa chữa, cải tạo", "… nhà ở riêng lẻ:").</summary>
    public static Words NameWords(string name) => new(name, KeyWords(LevelVariants.Key(name)));

    /// <summary>The words of a name's <see cref="LevelVariants.Key"/> (or its written key), without a leading "thủ tục".</summary>
    static string[] KeyWords(string key, int? count = null)
    {
        var words = key.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        return count is { } n ? words[^Math.Min(n, words.Length)..] : words is ["thu", "tuc", .. var rest] ? rest : words;
    }

    /// <summary>
    /// <paramref name="narrow"/> is <paramref name="general"/> plus a short qualifier the question says none of; the
    /// question's words are folded (every alternative reading of it).
    /// </summary>
    public static bool UnaskedNarrowing(Words generalName, Words narrowName, IReadOnlySet<string> question)
    {
        var (general, narrow) = (generalName.Folded.Where(w => !Default.Contains(w)).ToArray(), narrowName.Folded);
        if (general.Length == 0 || general.Length >= narrow.Length) return false;
        var narrowSet = narrow.ToHashSet(StringComparer.Ordinal);
        if (!general.All(narrowSet.Contains)) return false;
        var extra = narrowSet.Except(general, StringComparer.Ordinal).Where(w => !Joining.Contains(w)).ToArray();
        if (Enumerable.Range(0, narrow.Length).Any(i => extra.Contains(narrow[i]) && Negates(narrowName, i))) return false;
        return extra.Length is > 0 and <= MaxNarrowingWords && !extra.Any(question.Contains);
    }

    /// <summary>
    /// <paramref name="other"/> is the exception — a case for those who are <i>not</i> something ("… mà không xác định
    /// được nơi thường trú", "… chưa đủ điều kiện đăng ký thường trú") — while <paramref name="first"/> states no
    /// negation, the two name the same thing up to the negation, and the question does not say the negation: it asks
    /// for the ordinary case, so the exception does not make it ambiguous. The question says the exception when it
    /// holds the two words after the negation
    /// ("em không <b>xác định</b> được nơi ở"; "không" alone is the ordinary end of a yes/no question).
    /// </summary>
    public static bool UnaskedException(Words first, Words other, IReadOnlySet<string> question)
    {
        if (Negations(first).Any()) return false;
        var negations = Negations(other).ToList();
        if (negations.Count == 0) return false;
        // The same procedure up to the negation: every word before it is the first one's too.
        var firstWords = first.Folded.ToHashSet(StringComparer.Ordinal);
        if (!other.Folded.Take(negations[0]).Where(w => !Joining.Contains(w)).All(firstWords.Contains)) return false;
        return !negations.Any(k => Enumerable.Range(k + 1, other.Folded.Length - k - 1).Where(i => !Negates(other, i))
            .Take(2).All(i => question.Contains(other.Folded[i])));
    }

    static IEnumerable<int> Negations(Words words) => Enumerable.Range(0, words.Folded.Length).Where(k => Negates(words, k));

    /// <summary>
    /// The ranking with the general procedure first when the first one is an unasked narrowing of it, and the
    /// candidate that competes with the first for the verdict: the best one that is not an unasked narrowing of it.
    /// </summary>
    /// <param name="name">Each candidate's procedure name.</param>
    /// <param name="variantKey">Its <see cref="LevelVariants.Key"/> (its name folded, without the level note), which the caller holds already.</param>
    public static (List<T> Ranking, int RunnerUp) Apply<T>(List<T> ranked, Func<T, string> name, Func<T, string> variantKey, Func<T, double> score,
        IReadOnlySet<string> question)
    {
        if (ranked.Count < 2) return (ranked, 1);
        var words = ranked.Take(Reach + 1).Select(r => new Words(name(r), KeyWords(variantKey(r)))).ToArray();
        var general = Enumerable.Range(1, Math.Min(Reach, ranked.Count - 1))
            .FirstOrDefault(i => score(ranked[0]) - score(ranked[i]) <= MaxDeficit && UnaskedNarrowing(words[i], words[0], question));
        if (general > 0)
        {
            ranked = [ranked[general], .. ranked.Take(general), .. ranked.Skip(general + 1)];
            words = [words[general], .. words.Take(general), .. words.Skip(general + 1)];
        }
        var runnerUp = Enumerable.Range(1, ranked.Count - 1)
            .FirstOrDefault(i => i >= words.Length || !UnaskedNarrowing(words[0], words[i], question) && !UnaskedException(words[0], words[i], question),
                ranked.Count);
        return (ranked, runnerUp);
    }
}
