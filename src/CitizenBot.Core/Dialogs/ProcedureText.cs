using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Passages of the procedure's own text (documents, steps, conditions, result) that answer a yes/no or detail question
/// about it: the ones that mention the question's own words ("có phải đăng báo không"), the validity of the result
/// ("giấy này có giá trị bao lâu") and the deadline the citizen must meet ("trong bao lâu phải đi khai tử"). Runs only
/// on such turns, over the one procedure in focus: no index. The Vietnamese words that tell those questions and
/// passages apart are data, dialogs/procedure-text.txt (<see cref="Load"/>), checked at start like the intent words.
/// </summary>
public sealed partial class ProcedureText
{
    public const string FileName = "procedure-text.txt";

    /// <summary>The sections of <see cref="FileName"/>, each required and not empty (see the file's comments).</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        "validity-question", "validity-passage", "proof-paper", "deadline-question", "deadline-span", "deadline-must", "waiting",
        "period", "period-from", "citizen-acts", "official-acts", "no-conditions", "negation", "proxy-question", "proxy-passage", "home-question", "home-passage",
    ];

    /// <summary>How far after a [deadline-span] word its [deadline-must] word may be, and a [period-from] phrase after its [period].</summary>
    const int MaxSpanToMust = 30;
    const int MaxPeriodToFrom = 60;

    readonly Regex _validityQuestion, _validityPassage, _proofPaper, _deadline, _waiting, _period, _citizenActs, _officialActs, _none, _proxyQuestion, _proxyPassage, _homeQuestion, _homePassage;

    readonly Word[] _negations;

    ProcedureText(IReadOnlyDictionary<string, string> alternatives, IReadOnlyList<string> negations)
    {
        _negations = [.. negations.SelectMany(n => UserText.Parse(n).Words)];
        const RegexOptions options = RegexOptions.CultureInvariant;
        Regex Words(string section) => new($@"\b({alternatives[section]})\b", options);
        _validityQuestion = Words("validity-question");
        _validityPassage = Words("validity-passage");
        _proofPaper = Words("proof-paper");
        _deadline = new($@"\b({alternatives["deadline-question"]})\b|\b({alternatives["deadline-span"]})\b.{{0,{MaxSpanToMust}}}\b({alternatives["deadline-must"]})\b", options);
        _waiting = Words("waiting");
        _period = new($@"\b({alternatives["period"]})\s[^.;]{{0,{MaxPeriodToFrom}}}\b({alternatives["period-from"]})\b", options);
        _citizenActs = Words("citizen-acts");
        _officialActs = Words("official-acts");
        _none = new($@"\A({alternatives["no-conditions"]})\z", options);
        _proxyQuestion = Words("proxy-question");
        _proxyPassage = Words("proxy-passage");
        _homeQuestion = Words("home-question");
        _homePassage = Words("home-passage");
    }

    /// <summary>
    /// Reads <see cref="FileName"/> (<see cref="PhraseSections"/>: "[section]" headers, then one phrase a line). An
    /// unknown or missing section, a phrase outside a section or listed twice in one stops loading with file and line.
    /// </summary>
    public static ProcedureText Load(string file, List<DialogError> errors)
    {
        var read = PhraseSections.Read(file, Sections);
        errors.AddRange(read.Errors.Select(e => new DialogError(file, e.Line, e.Field, e.Message)));
        return new ProcedureText(Sections.ToDictionary(s => s, read.Alternatives), read["negation"].Select(p => p.Text).ToList());
    }

    /// <summary>At most this many passages are quoted, each at most <see cref="MaxPassageLength"/> characters.</summary>
    public const int MaxPassages = 2;
    public const int MaxPassageLength = 280;
    // A second passage is quoted only when it mentions nearly as much of the question as the best one.
    const double SecondPassageShare = 0.75;
    // The question's own words that name the procedure ("khai sinh" after the birth registration) tell no passage apart.
    const double NameWordWeight = 0.25;
    // A word of a run the question writes together ("đăng báo") found only alone in a passage ("thông báo") counts half.
    const double LoneWordShare = 0.5;
    // A passage must mention at least this share of the question's other words, one of them whole.
    const double MinShare = 0.5;
    // A question that negates ("bố mẹ chưa đăng ký kết hôn thì …") is not answered by a passage that does not
    // ("Trường hợp cha, mẹ trẻ đã đăng ký kết hôn …"): its words would be a chance meeting with the opposite case.
    // The negation words are the [negation] section, matched as typed (Word.Matches).
    bool IsNegation(Word w) => _negations.Any(w.Matches);

    /// <summary>
    /// The words the question negates ("bố mẹ chưa đăng ký kết hôn": "đăng"): each right after a negation word, and the
    /// question's own (<paramref name="own"/>), not an asking word — a closing "ko" asks, it does not negate.
    /// </summary>
    public IReadOnlyList<Word> Negated(IReadOnlyList<Word> words, IReadOnlyList<bool> own) =>
        [.. Enumerable.Range(1, Math.Max(0, words.Count - 1)).Where(k => own[k] && IsNegation(words[k - 1])).Select(k => words[k])];

    // A passage negates a word when a negation word stands right before it, or one word before ("không được đăng ký").
    bool NegatesToo(IReadOnlyList<Word> passage, Word negated) =>
        Enumerable.Range(0, passage.Count).Any(k => negated.Matches(passage[k])
            && (k >= 1 && IsNegation(passage[k - 1]) || k >= 2 && IsNegation(passage[k - 2])));

    /// <summary>
    /// The passages that mention the question's own words, best first (at most <see cref="MaxPassages"/>); empty when
    /// none does. <paramref name="runs"/> are the question's words without filler and intent words, in runs of adjacent
    /// words, matched as typed (<see cref="Word.Matches"/>: "cùng" is not "cung"). Null when none of them is more than the
    /// procedure's own name: nothing to look for. When the question negates words (<see cref="Negated"/>), only
    /// passages that negate them too answer it.
    /// </summary>
    public IReadOnlyList<string>? Mentioning(Procedure procedure, IReadOnlyList<IReadOnlyList<Word>> runs, IReadOnlyList<Word>? negated = null)
    {
        var nameWords = UserText.Parse(procedure.Name).Words;
        bool InName(Word w) => nameWords.Any(w.Matches);
        var typed = runs.Select(r => r.Where(w => w.Length > 1 || w.IsNumber).ToList()).Where(r => r.Count > 0).ToList();
        var keys = typed.SelectMany(r => r).DistinctBy(w => w.Lower).Where(w => !InName(w)).ToList();
        if (keys.Count == 0) return null;
        var passages = Passages(procedure).Select(p => (Text: p, Words: UserText.Parse(p).Words))
            .Where(p => negated is null || negated.All(w => NegatesToo(p.Words, w))).ToList();
        // At least half of the question's own words must be in the passage: one word of three ("lục" for "bắt buộc có
        // mặt lúc nộp") is a chance meeting, not an answer.
        var total = keys.Count;
        var scored = new List<(string Text, double Score)>();
        foreach (var (passage, words) in passages)
        {
            double score = 0, key = 0;
            var anyWhole = false;
            foreach (var run in typed)
                for (var k = 0; k < run.Count; k++)
                {
                    var w = run[k];
                    if (!words.Any(w.Matches) || run.FindIndex(o => o.Lower == w.Lower) != k) continue;
                    // Whole: a word typed alone, or with a neighbour of its run beside it in the passage too ("kiểm tra").
                    var whole = run.Count == 1 || k > 0 && words.ContainsRun([run[k - 1], w]) || k + 1 < run.Count && words.ContainsRun([w, run[k + 1]]);
                    var share = whole ? 1 : LoneWordShare;
                    var inName = InName(w);
                    score += (inName ? NameWordWeight : 1) * share;
                    if (inName) continue;
                    key += share;
                    anyWhole |= whole;
                }
            if (anyWhole && key >= MinShare * total) scored.Add((passage, score));
        }
        if (scored.Count == 0) return [];
        var best = scored.Max(s => s.Score);
        return scored.Where(s => s.Score >= SecondPassageShare * best)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Text.Length)
            .Select(s => Quote(s.Text)).Distinct().Take(MaxPassages).ToList();
    }

    /// <summary>The catalogue's text says, in full, that there is none ("Không.", "Không có thông tin"): a [no-conditions] phrase.</summary>
    public bool SaysNone(string text) => _none.IsMatch(VietnameseText.Comparable(text).Trim().TrimEnd('.', ' '));

    /// <summary>The question asks how long the result is valid ("có giá trị bao lâu", "thời hạn mấy năm").</summary>
    public bool AsksValidity(string message) => _validityQuestion.IsMatch(VietnameseText.Comparable(message));

    /// <summary>
    /// The question asks by when the citizen must do it ("trong bao lâu phải đi khai tử", "hạn nộp hồ sơ"), not how long
    /// the agency takes ("bao lâu thì có kết quả").
    /// </summary>
    public bool AsksDeadline(string message)
    {
        var folded = VietnameseText.Comparable(message);
        return _deadline.IsMatch(folded) && !_waiting.IsMatch(folded);
    }

    /// <summary>The question asks whether someone else may do it for the citizen ("người nhà làm hộ được không", "ủy quyền được ko").</summary>
    public bool AsksProxy(string message) => _proxyQuestion.IsMatch(VietnameseText.Comparable(message));

    /// <summary>The passages that say how another person may act for the applicant ("văn bản ủy quyền", "người đại diện").</summary>
    public IReadOnlyList<string> Proxies(Procedure procedure) =>
        Quoted(procedure, f => _proxyPassage.IsMatch(f));

    /// <summary>The question asks whether it can be done at home, the official coming ("làm tại nhà được không", "cán bộ đến nhà").</summary>
    public bool AsksHome(string message) => _homeQuestion.IsMatch(VietnameseText.Comparable(message));

    /// <summary>The passages that say the service comes to the applicant ("lưu động", "tại nơi ở").</summary>
    public IReadOnlyList<string> AtHome(Procedure procedure) =>
        Quoted(procedure, f => _homePassage.IsMatch(f));

    /// <summary>
    /// A yes/no question about how the citizen can get it done — by someone else, or at home — asks about the procedure
    /// in focus, whatever its own words name alone ("làm tại nhà" reads as "làm nhà", a building permit).
    /// </summary>
    public bool AsksHowToGetItDone(string message) => AsksProxy(message) || AsksHome(message);

    /// <summary>The passages that say how long the result is valid: about the result, not the papers one brings ("còn giá trị sử dụng").</summary>
    public IReadOnlyList<string> Validity(Procedure procedure) =>
        Quoted(procedure, f => _validityPassage.IsMatch(f) && !_proofPaper.IsMatch(f));

    /// <summary>The procedure's passages whose comparable form (no diacritics) <paramref name="keep"/> accepts, quoted.</summary>
    static IReadOnlyList<string> Quoted(Procedure procedure, Func<string, bool> keep) =>
        Passages(procedure).Where(p => keep(VietnameseText.Comparable(p))).Select(Quote).Distinct().Take(MaxPassages).ToList();

    /// <summary>
    /// The passages that set a deadline the citizen must meet ("Trong thời hạn 15 ngày kể từ ngày có người chết thì …
    /// có trách nhiệm đi đăng ký khai tử"): a period counted from an event, with the citizen as the one who acts; a
    /// period an official has ("… Ủy ban nhân dân cấp xã … có trách nhiệm kiểm tra") is the agency's, not theirs.
    /// </summary>
    public IReadOnlyList<string> Deadlines(Procedure procedure) =>
        Passages(procedure).SelectMany(p => p.Split(';')).Select(c => c.Trim())
            .Where(c => VietnameseText.Comparable(c) is var f && _period.IsMatch(f) && _citizenActs.IsMatch(f) && !_officialActs.IsMatch(f))
            .Select(Quote).Distinct().Take(MaxPassages).ToList();

    /// <summary>The procedure's text cut into passages: each document, each sentence of the steps, the conditions and the result.</summary>
    public static IEnumerable<string> Passages(Procedure procedure)
    {
        foreach (var d in procedure.Documents) yield return Clean(d.Name);
        foreach (var step in procedure.Steps)
            foreach (var s in Sentences(step)) yield return s;
        if (procedure.Conditions is { } conditions)
            foreach (var s in Sentences(conditions)) yield return s;
        if (procedure.Result is { } result) yield return Clean(result);
    }

    static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(Clean).Where(s => s.Length > 0);

    static string Clean(string text) => Bullet().Replace(text.Trim(), "").Trim();

    static string Quote(string passage) => ShortText.Shorten(passage, MaxPassageLength);

    [GeneratedRegex(@"\n|(?<=[.;:])\s+(?=[\p{Lu}+\-(*])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^([-+*•]\s*|\(\w{1,4}\)\s*|bước\s*\d+\s*[:.\-–]?\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Bullet();
}
