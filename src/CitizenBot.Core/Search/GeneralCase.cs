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

    /// <summary>Words that turn a name into its opposite ("… mà người dịch <b>không phải</b> là cộng tác viên"): not a narrowing.</summary>
    static readonly HashSet<string> Negating = new(StringComparer.Ordinal) { "khong", "chua", "phai" };

    /// <summary>The folded word at <paramref name="k"/> negates: "chưa", not the "chữa" of "sửa chữa" (both fold to "chua").</summary>
    static bool Negates(string[] words, int k) =>
        Negating.Contains(words[k]) && !(words[k] == "chua" && k > 0 && words[k - 1] == "sua");

    /// <summary>
    /// Words that name the default case, which a question without a qualifier means: "cấp giấy phép xây dựng
    /// <b>mới</b>" is the general case of "cấp <b>lại</b> / cấp <b>điều chỉnh</b> / cấp … <b>sửa chữa, cải tạo</b>".
    /// </summary>
    static readonly HashSet<string> Default = new(StringComparer.Ordinal) { "moi" };

    /// <summary>Words that join a qualifier to a name and say nothing of the case itself (folded).</summary>
    static readonly HashSet<string> Joining = new(StringComparer.Ordinal) { "co", "cho", "cua", "va", "cac", "doi", "voi", "tai", "trong", "duoc", "da", "ve", "ma" };

    static readonly char[] Separators = [' ', ',', ';', ':', '.', '/', '-', '–', '(', ')', '"', '“', '”', '\''];

    /// <summary>The words of a procedure name that say what it is: folded, without its level note and a leading "thủ tục".</summary>
    public static string[] NameWords(string name) => KeyWords(LevelVariants.Key(name));

    /// <summary>The same from a name's <see cref="LevelVariants.Key"/>, which a searcher holds for every procedure already.</summary>
    public static string[] KeyWords(string variantKey)
    {
        // Punctuation is not part of a word ("sửa chữa, cải tạo", "… nhà ở riêng lẻ:").
        var words = variantKey.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        return words is ["thu", "tuc", .. var rest] ? rest : words;
    }

    /// <summary>
    /// <paramref name="narrow"/> is <paramref name="general"/> plus a short qualifier the question says none of; the
    /// question's words are folded (every alternative reading of it).
    /// </summary>
    public static bool UnaskedNarrowing(string[] general, string[] narrow, IReadOnlySet<string> question)
    {
        general = general.Where(w => !Default.Contains(w)).ToArray();
        if (general.Length == 0 || general.Length >= narrow.Length) return false;
        var narrowSet = narrow.ToHashSet(StringComparer.Ordinal);
        if (!general.All(narrowSet.Contains)) return false;
        var extra = narrowSet.Except(general, StringComparer.Ordinal).Where(w => !Joining.Contains(w)).ToArray();
        if (Enumerable.Range(0, narrow.Length).Any(i => extra.Contains(narrow[i]) && Negates(narrow, i))) return false;
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
    public static bool UnaskedException(string[] first, string[] other, IReadOnlySet<string> question)
    {
        if (Negations(first).Any()) return false;
        var negations = Negations(other).ToList();
        if (negations.Count == 0) return false;
        // The same procedure up to the negation: every word before it is the first one's too.
        var firstWords = first.ToHashSet(StringComparer.Ordinal);
        if (!other.Take(negations[0]).Where(w => !Joining.Contains(w)).All(firstWords.Contains)) return false;
        return !negations.Any(k => other.Skip(k + 1).Where(w => !Negating.Contains(w)).Take(2).All(question.Contains));
    }

    static IEnumerable<int> Negations(string[] words) => Enumerable.Range(0, words.Length).Where(k => Negates(words, k));

    /// <summary>
    /// The ranking with the general procedure first when the first one is an unasked narrowing of it, and the
    /// candidate that competes with the first for the verdict: the best one that is not an unasked narrowing of it.
    /// </summary>
    /// <param name="variantKey">Each candidate's <see cref="LevelVariants.Key"/> (its name folded, without the level note).</param>
    public static (List<T> Ranking, int RunnerUp) Apply<T>(List<T> ranked, Func<T, string> variantKey, Func<T, double> score,
        IReadOnlySet<string> question)
    {
        if (ranked.Count < 2) return (ranked, 1);
        var words = ranked.Take(Reach + 1).Select(r => KeyWords(variantKey(r))).ToArray();
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
