namespace CitizenBot.Core.Dialogs;

/// <summary>
/// The words that tell the dialog what a message is for (dialogs/intents.txt): follow-up facets ("phí", "bao lâu"),
/// greetings, thanks, corrections, province markers, filler. Phrases match whole words, longest first, with or
/// without diacritics (see <see cref="Word.Matches"/>).
/// </summary>
public sealed class IntentLexicon
{
    /// <summary>Known categories; when two phrases of equal length match at one place, the earlier category wins.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        IntentCategory.Restart, IntentCategory.Correction, IntentCategory.FeedbackUp, IntentCategory.FeedbackDown,
        IntentCategory.Fee, IntentCategory.Time, IntentCategory.Documents, IntentCategory.Where, IntentCategory.Online,
        IntentCategory.Who, IntentCategory.Conditions, IntentCategory.Result, IntentCategory.Check, IntentCategory.Switch, IntentCategory.Swap, IntentCategory.RatherThan,
        IntentCategory.Help, IntentCategory.Smalltalk, IntentCategory.Thanks, IntentCategory.Greeting, IntentCategory.Ack,
        IntentCategory.ProvinceMarker, IntentCategory.LocalUnit, IntentCategory.Choice1, IntentCategory.Choice2, IntentCategory.Choice3, IntentCategory.Choice4, IntentCategory.ChoiceMarker,
        IntentCategory.YesNo, IntentCategory.Filler,
    ];

    /// <summary>The parts of an answer a follow-up can ask for; the first one named in a message is the one answered.</summary>
    public static readonly IReadOnlyList<string> Facets =
        [IntentCategory.Fee, IntentCategory.Time, IntentCategory.Documents, IntentCategory.Where, IntentCategory.Online, IntentCategory.Who, IntentCategory.Conditions, IntentCategory.Result];

    readonly Dictionary<string, List<LexiconPhrase>> _byFirstWord = new(StringComparer.Ordinal);

    public IntentLexicon(IReadOnlyList<LexiconPhrase> phrases)
    {
        Phrases = phrases;
        foreach (var phrase in phrases)
        {
            if (!_byFirstWord.TryGetValue(phrase.Words[0].Folded, out var list)) _byFirstWord[phrase.Words[0].Folded] = list = [];
            list.Add(phrase);
        }
    }

    public IReadOnlyList<LexiconPhrase> Phrases { get; }

    public bool Has(string category) => Phrases.Any(p => p.Category == category);

    /// <summary>Left to right, the longest phrase starting at each word; words no phrase covers are skipped.</summary>
    public IReadOnlyList<PhraseMatch> Find(IReadOnlyList<Word> words)
    {
        var matches = new List<PhraseMatch>();
        var i = 0;
        while (i < words.Count)
        {
            LexiconPhrase? best = null;
            if (_byFirstWord.TryGetValue(words[i].Folded, out var candidates))
                foreach (var phrase in candidates)
                    if (MatchesAt(words, i, phrase) && (best is null || phrase.Words.Length > best.Words.Length ||
                        phrase.Words.Length == best.Words.Length && Priority(phrase.Category) < Priority(best.Category)))
                        best = phrase;
            if (best is null) { i++; continue; }
            matches.Add(new PhraseMatch(best.Category, i, i + best.Words.Length));
            i += best.Words.Length;
        }
        return matches;
    }

    static bool MatchesAt(IReadOnlyList<Word> words, int start, LexiconPhrase phrase)
    {
        if (start + phrase.Words.Length > words.Count) return false;
        for (var k = 0; k < phrase.Words.Length; k++)
            if (!words[start + k].Matches(phrase.Words[k])) return false;
        return true;
    }

    static int Priority(string category)
    {
        for (var i = 0; i < Categories.Count; i++)
            if (Categories[i] == category) return i;
        return int.MaxValue;
    }

    /// <summary>
    /// Reads intents.txt: "[category]" headers, then one phrase a line; '#' starts a comment. An unknown category, a
    /// phrase outside a category or a phrase listed twice stops loading with file and line.
    /// </summary>
    public static IntentLexicon Load(string file, List<DialogError> errors)
    {
        var phrases = new List<LexiconPhrase>();
        if (!File.Exists(file))
        {
            errors.Add(new DialogError(file, 0, "", "file not found"));
            return new IntentLexicon(phrases);
        }
        var seen = new Dictionary<string, (string Category, int Line)>(StringComparer.Ordinal);
        string? category = null;
        foreach (var (number, line, section) in SectionedText.Read(file))
        {
            if (section is not null)
            {
                category = section;
                if (!Categories.Contains(category))
                {
                    errors.Add(new DialogError(file, number, line, $"unknown category; expected one of {string.Join(", ", Categories)}"));
                    category = null;
                }
                continue;
            }
            if (category is null) { errors.Add(new DialogError(file, number, line, "phrase outside a [category]")); continue; }
            var words = WordExtensions.ParseWords(line);
            if (words.Length == 0) { errors.Add(new DialogError(file, number, line, "no words in this phrase")); continue; }
            var key = words.Join();
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new DialogError(file, number, line, $"already listed on line {first.Line} under [{first.Category}]"));
                continue;
            }
            seen[key] = (category, number);
            phrases.Add(new LexiconPhrase(category, words, number));
        }
        foreach (var required in new[] { IntentCategory.Filler, IntentCategory.Restart, IntentCategory.Correction }.Concat(Facets))
            if (!phrases.Any(p => p.Category == required))
                errors.Add(new DialogError(file, 0, $"[{required}]", "category missing or empty"));
        return new IntentLexicon(phrases);
    }
}

public sealed record LexiconPhrase(string Category, Word[] Words, int Line);

/// <summary>Words [Start, End) of a message matched a phrase of <see cref="Category"/>.</summary>
public sealed record PhraseMatch(string Category, int Start, int End);

/// <summary>The category names of dialogs/intents.txt (what <see cref="IntentLexicon"/> sorts phrases into).</summary>
public static class IntentCategory
{
    public const string Restart = "restart";
    public const string Correction = "correction";
    public const string FeedbackUp = "feedback-up";
    public const string FeedbackDown = "feedback-down";
    public const string Fee = "fee";
    public const string Time = "time";
    public const string Documents = "documents";
    public const string Where = "where";
    public const string Online = "online";
    /// <summary>Who may apply, or who has to do it ("ai được làm", "tự làm hay").</summary>
    public const string Who = "who";
    public const string Conditions = "conditions";
    /// <summary>What one receives, and how long it is valid.</summary>
    public const string Result = "result";
    /// <summary>A yes/no check of a stated fact ("phí 70 nghìn đúng không"): the answer starts with yes or no.</summary>
    public const string Check = "check";
    /// <summary>"tiện hỏi luôn", "còn chuyện này nữa": what follows is a new subject, not a follow-up.</summary>
    public const string Switch = "switch";
    /// <summary>"còn … thì sao", "thế còn …": keep the topic but change its object ("còn cho con 6 tuổi thì sao").</summary>
    public const string Swap = "swap";
    /// <summary>"chứ không phải": what follows, to the end of its clause, is what the citizen does not mean ("mất căn
    /// cước chứ ko phải hết hạn").</summary>
    public const string RatherThan = "rather-than";
    public const string Help = "help";
    public const string Smalltalk = "smalltalk";
    public const string Thanks = "thanks";
    public const string Greeting = "greeting";
    public const string Ack = "ack";
    public const string ProvinceMarker = "province-marker";
    /// <summary>A unit below the province ("xã", "phường", "thôn"): a province's name after it is a commune's, not the
    /// province ("thôn 3 xã Hòa Bình"). Content like any other word everywhere else.</summary>
    public const string LocalUnit = "local-unit";
    public const string Choice1 = "choice-1";
    public const string Choice2 = "choice-2";
    public const string Choice3 = "choice-3";
    public const string Choice4 = "choice-4";
    public const string ChoiceMarker = "choice-marker";
    public const string Filler = "filler";
    /// <summary>"không", "ko", "chưa" …: filler, except that at the end of a message they make it a yes/no question.</summary>
    public const string YesNo = "yes-no";
}
