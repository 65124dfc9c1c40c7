using System.Text.Json;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Decides what a message is for, from the intent lexicon and the catalogue's province names. The order of the
/// checks is the policy: a restart or a correction wins over everything; feedback, a choice or a province come
/// next; a follow-up facet only when the message names no new topic; anything with a topic is a question.
/// </summary>
public sealed class IntentRecognizer(IntentLexicon lexicon, ICatalogue catalogue)
{
    const int MaxProvinceWords = 6;

    // Words that carry nothing to act on when left over after an intent ("cảm ơn bạn nhé" → nothing).
    static readonly HashSet<string> Courtesy =
        [IntentCategory.Filler, IntentCategory.YesNo, IntentCategory.Greeting, IntentCategory.Thanks, IntentCategory.Ack, IntentCategory.Correction, IntentCategory.Restart, IntentCategory.ProvinceMarker, IntentCategory.ChoiceMarker];

    public Recognition Recognize(string? text, JsonElement? value, IReadOnlyList<ClarificationChoice>? choices) =>
        FeedbackValue(value) ?? Recognize(UserText.Parse(text), choices);

    public Recognition Recognize(UserText user, IReadOnlyList<ClarificationChoice>? choices)
    {
        var words = user.Words;
        var text = user.Text;
        if (words.Count == 0) return new Recognition(string.IsNullOrWhiteSpace(text) ? Intents.Empty : Intents.Unclear, text);

        var (phrases, matches, categoryOf) = Classified(words);
        // A yes/no particle ends the message, before any filler ("đăng ký được ko ạ"): a yes/no question, which checks
        // something about the procedure in focus. Anywhere else the particle is filler, and it is filler to every rule below.
        var yesNo = EndsWithYesNo(phrases, words.Count);
        // A choice marker marks a number ("số 2", "cái thứ hai"); elsewhere the word is the citizen's own ("mat so do roi":
        // "so do" is "sổ đỏ", not "số").
        bool Content(int k) => categoryOf[k] is null or IntentCategory.LocalUnit || categoryOf[k] == IntentCategory.ChoiceMarker && !MarksANumber(words, categoryOf, k);
        var hasContent = Enumerable.Range(0, words.Count).Any(Content);
        var facet = matches.FirstOrDefault(m => IntentLexicon.Facets.Contains(m.Category))?.Category;
        bool Has(string category) => matches.Any(m => m.Category == category);
        var pending = choices is { Count: > 0 };
        var check = Has(IntentCategory.Check) || yesNo;
        var change = Has(IntentCategory.Switch);
        // "còn" typed with its accent at the start ("còn bên bán thì sao"); without it, "con" is a child.
        var swap = Has(IntentCategory.Swap) || Array.FindIndex(categoryOf, c => c is not (IntentCategory.Filler or IntentCategory.Ack)) is var lead and >= 0 &&
                   words[lead].Lower == "còn";

        // Only at the start ("ok, làm lại từ đầu nhé"): "… bắt đầu lại kinh doanh" is a question.
        if (Leading(matches, IntentCategory.Restart) is { } restart)
            return WithRest(Intents.Restart, text, user.From(restart.End));

        if (LeadingCorrectionEnd(matches) is { } correctionEnd)
            return WithRest(Intents.Correction, text, user.From(AfterNegatedClause(user, correctionEnd) ?? correctionEnd));

        if (!hasContent && facet is null)
        {
            if (Has(IntentCategory.FeedbackDown)) return new Recognition(Intents.FeedbackDown, text);
            if (Has(IntentCategory.FeedbackUp)) return new Recognition(Intents.FeedbackUp, text);
        }

        if (pending && (ChoiceNumber(user, matches, categoryOf) ?? LeadingOrdinal(user, matches)) is { } number)
            return new Recognition(Intents.Choice, text) { Choice = number };
        // "cai thu 3" with no list open picks nothing: not a search for whatever "cai" folds like ("cải tạo", "cai nghiện").
        if (!pending && ChoiceNumber(user, matches, categoryOf) is not null)
            return new Recognition(Intents.Unclear, text);

        if (FindProvince(user, matches, categoryOf) is { } found)
            return WithRest(Intents.Province, text, user.Without(found.Start, found.End)) with
            {
                Province = found.Province,
                FormerProvinceName = found.FormerName,
            };

        if (pending && ChoiceByName(words, categoryOf, choices!, asks: check) is { } named)
            return new Recognition(Intents.Choice, text) { Choice = named };

        if (facet is not null && !hasContent)
            return new Recognition(Intents.Facet, text) { Facet = facet, Check = check, Switch = change, Swap = swap };

        if (!hasContent)
        {
            foreach (var (category, intent) in new[] { (IntentCategory.Help, Intents.Help), (IntentCategory.Smalltalk, Intents.Smalltalk),
                         (IntentCategory.Thanks, Intents.Thanks), (IntentCategory.Greeting, Intents.Greeting), (IntentCategory.Ack, Intents.Ack) })
                if (Has(category)) return new Recognition(intent, text);
            return new Recognition(Intents.Unclear, text);
        }

        // "Chào bạn, cho hỏi làm khai sinh…", "… cảm ơn nhé": greet back, then handle the rest. Only at the start or
        // the end of the message: "hi" inside a sentence is not a greeting.
        bool Courteous(int k) => categoryOf[k] is IntentCategory.Filler or IntentCategory.Greeting or IntentCategory.Thanks or IntentCategory.Ack;
        if (matches.FirstOrDefault(m => m.Category is IntentCategory.Greeting or IntentCategory.Thanks &&
                (Enumerable.Range(0, m.Start).All(Courteous) || Enumerable.Range(m.End, words.Count - m.End).All(Courteous))) is { } social)
            return WithRest(social.Category == IntentCategory.Greeting ? Intents.Greeting : Intents.Thanks, text, user.Without(social.Start, social.End));

        // Only numbers and symbols ("2", "???"): nothing to search for.
        if (facet is null && Enumerable.Range(0, words.Count).Where(Content).All(k => !words[k].Lower.Any(char.IsLetter)))
            return new Recognition(Intents.Unclear, text);

        // A leading "còn cho …", "thế còn …" is how the question is put, not what it asks: typed without accents, "con cho
        // me e thi sao" would otherwise search "con" (a child) and meet "nhận cha, mẹ, con".
        if (Leading(matches, IntentCategory.Swap) is { } put && HasContent(user.From(put.End))) text = user.From(put.End);
        return new Recognition(Intents.Question, text) { Facet = facet, Check = check, Switch = change, Swap = swap };
    }

    /// <summary>
    /// The message without what it says the citizen does not mean: a "chứ không phải …" clause ("e bị mất căn cước chứ ko
    /// phải hết hạn") and the provinces it says are not the citizen's ("e ko ở hcm đâu, e ở cần thơ", "à mà e ở tỉnh lẻ,
    /// ko phải hà nội"). Neither is searched for, and a negated province is not recorded.
    /// </summary>
    public UserText WithoutNegations(UserText user)
    {
        while (user.Words.Count > 0)
        {
            var (phrases, matches, categoryOf) = Classified(user.Words);
            if ((NegatedClause(user, phrases, matches, categoryOf) ?? (NegatedProvince(user, phrases, matches, categoryOf) is { } province ? (province.Start, province.End) : null)) is not { } negated) break;
            user = UserText.Parse(user.Without(negated.Start, negated.End));
        }
        return user;
    }

    /// <summary>
    /// "chứ không phải B": from the phrase to the end of B's clause — the next punctuation, or the first filler word after
    /// B's own words ("… chứ không phải sửa thì xin giấy phép nào": "sửa"). Null when the message has none, or when the
    /// phrase opens the message (then nothing before it says what is meant).
    /// </summary>
    static (int Start, int End)? NegatedClause(UserText user, IReadOnlyList<PhraseMatch> phrases, IReadOnlyList<PhraseMatch> matches, string?[] categoryOf)
    {
        if (matches.FirstOrDefault(m => m.Category == IntentCategory.RatherThan && m.Start > 0) is not { } phrase) return null;
        var end = phrase.End;
        var saidWhat = false;
        for (; end < user.Words.Count && !(end > phrase.End && user.PunctuationBefore(end)); end++)
        {
            // Filler by its own category: a yes/no particle typed without accents is as often a word ("sua chua": "sửa chữa").
            var filler = categoryOf[end] == IntentCategory.Filler && !phrases.Any(m => m.Start <= end && end < m.End && m.Category == IntentCategory.YesNo);
            if (filler && saidWhat) break;
            saidWhat |= !filler;
        }
        return (phrase.Start, end);
    }

    /// <summary>
    /// The lexicon's phrases in the words; the same with yes/no particles as filler (what every rule but the yes/no
    /// question reads); and each word's category from those.
    /// </summary>
    (IReadOnlyList<PhraseMatch> Phrases, List<PhraseMatch> Matches, string?[] CategoryOf) Classified(IReadOnlyList<Word> words)
    {
        var phrases = lexicon.Find(words);
        var matches = phrases.Select(m => m.Category == IntentCategory.YesNo ? m with { Category = IntentCategory.Filler } : m).ToList();
        var categoryOf = new string?[words.Count];
        foreach (var m in matches)
            for (var k = m.Start; k < m.End; k++) categoryOf[k] = m.Category;
        return (phrases, matches, categoryOf);
    }

    /// <summary>The word after a choice marker is a number, an ordinal or another marker ("cái thứ 2").</summary>
    static bool MarksANumber(IReadOnlyList<Word> words, string?[] categoryOf, int marker) =>
        marker + 1 < words.Count && (words[marker + 1].IsNumber || categoryOf[marker + 1] == IntentCategory.ChoiceMarker || IsOrdinal(categoryOf[marker + 1]));

    /// <summary>An ordinal's category ("thứ hai": choice-2); its last character is the choice's number.</summary>
    static bool IsOrdinal(string? category) =>
        category is IntentCategory.Choice1 or IntentCategory.Choice2 or IntentCategory.Choice3 or IntentCategory.Choice4;

    /// <summary>The message's trailing filler holds a yes/no particle ("… được ko ạ", "… không").</summary>
    static bool EndsWithYesNo(IReadOnlyList<PhraseMatch> matches, int wordCount)
    {
        var end = wordCount;
        foreach (var m in matches.OrderByDescending(m => m.End))
        {
            if (m.End != end || m.Category is not (IntentCategory.Filler or IntentCategory.YesNo)) return false;
            if (m.Category == IntentCategory.YesNo) return true;
            end = m.Start;
        }
        return false;
    }

    /// <summary>True when the text names something to act on, not only filler and politeness.</summary>
    public bool HasContent(string text)
    {
        var words = UserText.Parse(text).Words;
        if (words.Count == 0) return false;
        var covered = new bool[words.Count];
        foreach (var m in lexicon.Find(words))
            if (Courtesy.Contains(m.Category))
                for (var k = m.Start; k < m.End; k++) covered[k] = true;
        return covered.Any(c => !c);
    }

    Recognition WithRest(string intent, string text, string rest) =>
        new(intent, text) { Rest = rest, RestHasContent = HasContent(rest) };

    /// <summary>The first phrase of <paramref name="category"/> when only filler, acknowledgements or greetings come before it.</summary>
    static PhraseMatch? Leading(IReadOnlyList<PhraseMatch> matches, string category)
    {
        var position = 0;
        foreach (var m in matches)
        {
            if (m.Start != position) return null;
            if (m.Category == category) return m;
            if (m.Category is not (IntentCategory.Filler or IntentCategory.Ack or IntentCategory.Greeting)) return null;
            position = m.End;
        }
        return null;
    }

    /// <summary>"à không, ý tôi là …", "không phải, …": the end of the leading run of correction words, if there is one.</summary>
    static int? LeadingCorrectionEnd(IReadOnlyList<PhraseMatch> matches)
    {
        var position = 0;
        int? end = null;
        foreach (var m in matches)
        {
            if (m.Start != position || m.Category is not (IntentCategory.Correction or IntentCategory.Filler or IntentCategory.Ack)) break;
            position = m.End;
            if (m.Category == IntentCategory.Correction) end = m.End;
        }
        return end;
    }

    /// <summary>
    /// "ko phải khai sinh, e hỏi khai tử": the correction says what was not meant, then what was. The words after the
    /// first comma are the question; null when the correction ends at punctuation ("không phải, đăng ký thường trú"),
    /// ends with no "phải", or nothing with content follows a comma.
    /// </summary>
    int? AfterNegatedClause(UserText user, int correctionEnd)
    {
        if (correctionEnd >= user.Words.Count || user.PunctuationBefore(correctionEnd) || user.Words[correctionEnd - 1].Folded != "phai")
            return null;
        for (var k = correctionEnd + 1; k < user.Words.Count; k++)
            if (user.PunctuationBefore(k)) return HasContent(user.From(k)) ? k : null;
        return null;
    }

    /// <summary>"2", "số 2", "cái thứ hai", or a choice button's "2. Đăng ký …".</summary>
    static int? ChoiceNumber(UserText user, IReadOnlyList<PhraseMatch> matches, string?[] categoryOf)
    {
        var words = user.Words;
        if (words[0].IsNumber && words[0].Length <= 2)
        {
            var after = words[0].Start + words[0].Length;
            if (after < user.Text.Length && user.Text[after] is '.' or ')') return int.Parse(words[0].Lower);
        }
        var numbers = new List<int>();
        foreach (var m in matches)
            if (IsOrdinal(m.Category))
                numbers.Add(m.Category[^1] - '0');
        for (var k = 0; k < words.Count; k++)
        {
            if (categoryOf[k] is not null) continue;
            if (!words[k].IsNumber || words[k].Length > 2) return null; // a word that is not a number: not a bare choice
            numbers.Add(int.Parse(words[k].Lower));
        }
        var allowed = matches.All(m => m.Category is IntentCategory.Filler or IntentCategory.ChoiceMarker or IntentCategory.Ack || IsOrdinal(m.Category));
        return allowed && numbers.Count == 1 ? numbers[0] : null;
    }

    /// <summary>
    /// A choice named first and explained after: "cái thứ 2, loại thường xuyên ấy", "số 3 nhé, vì …". Only an ordinal
    /// ("thứ hai", "đầu tiên") or a marker and a small number at the very start count; "2 con" is not a choice.
    /// </summary>
    static int? LeadingOrdinal(UserText user, IReadOnlyList<PhraseMatch> matches)
    {
        var words = user.Words;
        var position = 0;
        var marked = false;
        foreach (var m in matches)
        {
            if (m.Start != position) break;
            if (IsOrdinal(m.Category)) return m.Category[^1] - '0';
            if (m.Category is IntentCategory.ChoiceMarker) marked = true;
            else if (m.Category is not (IntentCategory.Filler or IntentCategory.Ack)) break;
            position = m.End;
        }
        if (position < words.Count && words[position].Folded == "thu") { marked = true; position++; }
        return marked && position < words.Count && words[position] is { IsNumber: true, Length: <= 1 } n ? int.Parse(n.Lower) : null;
    }

    /// <summary>Part of an offered name ("kết hôn"): the choice whose name contains the words, the most fully covered first.</summary>
    /// <param name="asks">The message is a yes/no question: its follow-up words ("mất phí ko") ask about a choice, they do
    /// not name one ("… chi phí khám, chữa bệnh …"). Elsewhere they may ("cái vneid ấy").</param>
    int? ChoiceByName(IReadOnlyList<Word> words, string?[] categoryOf, IReadOnlyList<ClarificationChoice> choices, bool asks)
    {
        var typed = Enumerable.Range(0, words.Count)
            .Where(k => categoryOf[k] is not (IntentCategory.Filler or IntentCategory.ChoiceMarker or IntentCategory.Check) &&
                        !(asks && IntentLexicon.Facets.Contains(categoryOf[k]!)))
            .Select(k => words[k]).ToArray();
        if (typed.Length == 0) return null;
        int? best = null;
        var bestCoverage = 0.0;
        for (var i = 0; i < choices.Count; i++)
        {
            var name = WithoutFiller(WordExtensions.ParseWords(choices[i].Name));
            if (name.Length == 0) continue;
            if (!name.ContainsRun(typed)) continue;
            var coverage = (double)typed.Length / name.Length;
            if (coverage > bestCoverage) { best = i + 1; bestCoverage = coverage; }
        }
        return best;
    }

    /// <summary>The words of a name that are not filler, so "khai sinh yếu tố nước ngoài" meets "khai sinh có yếu tố nước ngoài".</summary>
    Word[] WithoutFiller(Word[] words)
    {
        var filler = new bool[words.Length];
        foreach (var m in lexicon.Find(words))
            if (m.Category is IntentCategory.Filler or IntentCategory.YesNo)
                for (var k = m.Start; k < m.End; k++) filler[k] = true;
        return words.Where((_, k) => !filler[k]).ToArray();
    }

    sealed record FoundProvince(Province Province, int Start, int End, string? FormerName);

    /// <summary>
    /// The first province the message names after a negation ("ko ở hcm", "chứ không phải Hà Nội"), with the negation:
    /// a no/not particle or a "không phải" right before the province or its marker.
    /// </summary>
    FoundProvince? NegatedProvince(UserText user, IReadOnlyList<PhraseMatch> phrases, IReadOnlyList<PhraseMatch> matches, string?[] categoryOf)
    {
        PhraseMatch? NegationEndingAt(int position) =>
            phrases.FirstOrDefault(m => m.End == position && m.Category is IntentCategory.YesNo or IntentCategory.Correction && m.Start < m.End);
        foreach (var found in Provinces(user, matches, categoryOf))
            if (NegationEndingAt(found.Start) is { } negation) return found with { Start = negation.Start };
        return null;
    }

    /// <summary>The first province the message names where it is not negated (see <see cref="NegatedProvince"/>).</summary>
    FoundProvince? FindProvince(UserText user, IReadOnlyList<PhraseMatch> matches, string?[] categoryOf) =>
        Provinces(user, matches, categoryOf).FirstOrDefault();

    /// <summary>"tôi ở Lạng Sơn", "mình ở quang nam", "… tại TP HCM", or a message that is only a province name.</summary>
    IEnumerable<FoundProvince> Provinces(UserText user, IReadOnlyList<PhraseMatch> matches, string?[] categoryOf)
    {
        var words = user.Words;
        foreach (var marker in matches.Where(m => m.Category == IntentCategory.ProvinceMarker))
            for (var n = Math.Min(MaxProvinceWords, words.Count - marker.End); n >= 1; n--)
                if (Resolve(words, marker.End, marker.End + n) is { } found)
                {
                    yield return found with { Start = marker.Start };
                    break;
                }

        var first = Array.FindIndex(categoryOf, c => c != IntentCategory.Filler);
        var last = Array.FindLastIndex(categoryOf, c => c != IntentCategory.Filler);
        if (first >= 0 && last - first < MaxProvinceWords && Resolve(words, first, last + 1) is { } whole) yield return whole;

        // Inside a longer message ("nhà e ở Nghi Lộc, Nghệ An thì nộp ở đâu"): a province name of two words or more
        // set off by punctuation or the message's end on one side, so "hòa bình" inside a sentence is not a province;
        // nor is one after a unit below the province ("mua đất ở thôn 3 xã Hòa Bình, đã công chứng": a commune's name).
        for (var start = 0; start < words.Count; start++)
            for (var n = Math.Min(MaxProvinceWords, words.Count - start); n >= 2; n--)
                if (SetOff(user, start, start + n) && (start == 0 || categoryOf[start - 1] != IntentCategory.LocalUnit) &&
                    Resolve(words, start, start + n) is { } inside)
                {
                    yield return inside;
                    break;
                }
    }

    /// <summary>Words [start, end) stand apart: punctuation or the text's end on at least one side.</summary>
    static bool SetOff(UserText user, int start, int end)
    {
        var words = user.Words;
        var before = start == 0 ? "" : user.Text[(words[start - 1].Start + words[start - 1].Length)..words[start].Start];
        var after = end == words.Count ? "" : user.Text[(words[end - 1].Start + words[end - 1].Length)..words[end].Start];
        static bool Boundary(string gap, bool edge) => edge || gap.Any(ch => char.IsPunctuation(ch));
        return Boundary(before, start == 0) || Boundary(after, end == words.Count);
    }

    FoundProvince? Resolve(IReadOnlyList<Word> words, int start, int end)
    {
        var phrase = words.Skip(start).Take(end - start).Join();
        if (catalogue.FindProvince(phrase) is not { } province) return null;
        return new FoundProvince(province, start, end, province.FormerNameIn(phrase));
    }

    static Recognition? FeedbackValue(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v) return null;
        if (!v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || action.GetString() != "feedback") return null;
        var rating = v.TryGetProperty("rating", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var code = v.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return rating switch
        {
            "up" => new Recognition(Intents.FeedbackUp, "👍") { FeedbackCode = code },
            "down" => new Recognition(Intents.FeedbackDown, "👎") { FeedbackCode = code },
            _ => null,
        };
    }
}
