using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Renders templates for one turn: fills placeholders from the procedure in focus, the user's province and the
/// question, always Markdown-safe (catalogue and user text escaped, links as &lt;autolinks&gt;). Procedure facts come
/// from the turn's <see cref="ProcedureView"/> (the model the look-up page, print, CLI and Zalo text render too);
/// this adds only the chat's wording and Markdown escaping.
/// </summary>
public sealed partial class Wording
{
    /// <summary>The card lists this many documents as short bullets, then "và N giấy tờ khác".</summary>
    public const int MaxCardDocuments = 3;
    const int CardDocumentLength = 70;
    const int MaxShownSteps = 5;

    readonly TemplateSet _templates;
    readonly Turn _turn;
    readonly TurnFacts _facts;
    readonly FactCheck _factCheck;

    /// <param name="factCheck">The dialog set's fact check: the levels a procedure is carried out at.</param>
    public Wording(TemplateSet templates, Turn turn, TurnFacts facts, FactCheck factCheck) =>
        (_templates, _turn, _facts, _factCheck) = (templates, turn, facts, factCheck);

    /// <summary>
    /// Every name the templates may use in braces, with what it holds and how a turn fills it: the loader accepts
    /// exactly these (<see cref="DialogLoader"/>), so a template cannot name one the code does not fill. Names without
    /// <see cref="Placeholder.Fill"/> are filled by the C# that renders that line or card template.
    /// </summary>
    public static IReadOnlyList<Placeholder> Placeholders { get; } =
    [
        new("procedure.name", "name of the procedure in focus", w => Md(w.View?.Name)),
        new("procedure.code", "its national code (mã thủ tục)", w => Md(w.View?.Code)),
        new("procedure.field", "its field (lĩnh vực)", w => Md(w.View?.Field)),
        new("mode", "its online mode in words (from the mode.* templates): the user's province's list when it has the procedure, else national",
            w => w._facts.Offer is { } offer ? w.Label(ModeTemplate(offer.Mode)) : null),
        new("mode.source", "whose list {mode} comes from: \"theo Đà Nẵng\" (its own list) or \"mức cả nước\" (national)", w => Md(w.View?.Online.SourceShort)),
        new("url", "the link to do it online: the province's link (its list's, else the catalogue's) when known, else the national page (else the province's portal or dichvucong.gov.vn)",
            w => w.View is { } v ? Link(v.Link.Url) : null),
        new("fee", "fee summary over submission methods, marked (note.ended) when its note states an end date that has passed",
            w => w.View is { } v ? w.Dated(w.Summary(v, m => m.Fee), v.Methods.Select(m => m.Fee)) : null),
        new("time", "processing-time summary over submission methods, marked like the fee",
            w => w.View is { } v ? w.Dated(w.Summary(v, m => m.ProcessingTime), v.Methods.Select(m => m.ProcessingTime)) : null),
        new("fees", "fee per submission method, a Markdown list (line.method)", w => w.View is { } v ? w.MethodList(v, m => m.Fee) : null),
        new("times", "processing time per submission method, a Markdown list (line.method)", w => w.View is { } v ? w.MethodList(v, m => m.ProcessingTime) : null),
        new("documents", "the required documents, a numbered Markdown list (line.document*)", w => w.View is { } v ? w.DocumentList(v) : null),
        new("documents.summary", "the documents as a checklist: everyone's first, at most three short bullets (line.document.short*) and how many more (card.documents.more)",
            w => w.View is { } v ? w.DocumentSummary(v) : null),
        new("places", "agency and submission address, a Markdown list (line.agency, line.address)", w => w.View is { } v ? w.Places(v) : null),
        new("where", "where to go in person: submission address, else agency, else the where.fallback template with the procedure's levels",
            w => w.View is { } v ? Md(Clause(v.SubmissionAddress) ?? Clause(v.Agency)) ?? w.Fallback() : null),
        new("agency", "the agency that carries the procedure out", w => Md(Clause(w.View?.Agency))),
        new("applicants", "who may apply (đối tượng thực hiện)", w => MarkdownText.EscapeShort(w.View?.Applicants, 600)),
        new("conditions", "the conditions to meet (yêu cầu, điều kiện)", w => MarkdownText.EscapeShort(w.View?.Conditions, 800)),
        new("result", "what the applicant receives (kết quả), with its validity when the catalogue states it", w => MarkdownText.EscapeShort(w.View?.Result, 600)),
        new("check", "yes or no to the fact the user stated (check.* templates), then a space; empty when nothing was checked", w => w.Check()),
        new("performer", "who carries the procedure out: its agency, else its levels (level.* templates)", w => w.Performer()),
        new("asked", "the level, and kind of agency, a follow-up named (\"Công an cấp xã\": agency.* and level.* templates)", w => w.Asked()),
        new("quoted", "the passages of the procedure's own text a follow-up quotes, one line.quote each", w => w.Quoted()),
        new("sought", "the words a follow-up looked for in the procedure's text, escaped", w => MarkdownText.EscapeShort(w._turn.Sought, 80)),
        new("steps", "the first steps of the procedure under the steps.heading template, a numbered Markdown list (line.step); empty when unknown",
            w => w.View is { } v ? w.StepList(v) : null),
        new("province.name", "the user's province", w => Md(w._facts.Province?.Name)),
        new("portal", "the user's province's public-service portal", w => w._facts.Province is { } province ? Link(province.PortalUrl) : null),
        new("former", "the pre-2025 province name the user gave", w => Md(w._turn.Recognition.FormerProvinceName)),
        new("ask", "where to ask about a need the catalogue lacks (gaps.txt), escaped",
            w => MarkdownText.EscapeShort(w.Unserved?.AskWhere, 200)),
        new("need", "a need the catalogue lacks (gaps.txt), its words as the search read them, escaped", w => MarkdownText.EscapeShort(w.Unserved?.Need, 80)),
        new("question", "the user's question, shortened and escaped",
            w => MarkdownText.EscapeShort(w._turn.State.LastQuestion?.Text ?? w._turn.Recognition.Text, 120)),
        new("choices", "the offered choices, a numbered Markdown list", w => w._turn.State.Choices is { } choices
            ? string.Join("\n", choices.Select((c, i) => $"{i + 1}. {MarkdownText.Escape(ShortText.Shorten(c.Name.Trim(), 140))}"))
            : null),
        new("choices.count", "how many choices were offered", w => w._turn.State.Choices?.Count.ToString()),
        // Filled by the C# side where it renders a line or card template.
        new("channel", "submission method label (channel.* templates)"),
        new("value", "a fee or a time in line.method"),
        new("n", "position in a numbered list"),
        new("name", "a document name"),
        new("quantity", "how many copies of a document"),
        new("case", "the case a group of documents applies to (line.document.case)"),
        new("step", "one step of the procedure"),
        new("count", "how many more documents there are (card.documents.more), or how many in all (card.button.documents)"),
        new("date", "the end date a fee or time note states, when it has passed (note.ended)"),
    ];

    static readonly Dictionary<string, Placeholder> PlaceholderByName = Placeholders.ToDictionary(p => p.Name, StringComparer.Ordinal);

    ProcedureView? View => _facts.View;

    /// <summary>The need the catalogue lacks this turn's search named, else the one the conversation last asked.</summary>
    UnservedNeed? Unserved => _turn.Search?.Unserved ?? _turn.State.Unserved;

    public string Say(string template, IReadOnlyDictionary<string, string>? locals = null) =>
        _templates.Render(template, name => locals is not null && locals.TryGetValue(name, out var v) ? v : Value(name), _turn.NextSeed());

    /// <summary>A label (button title): the same text every time it is shown.</summary>
    public string Label(string template, IReadOnlyDictionary<string, string>? locals = null) =>
        _templates.Render(template, name => locals is not null && locals.TryGetValue(name, out var v) ? v : Value(name), "label");

    /// <summary>
    /// A placeholder's text for this turn; null when the turn has no such fact. Worked out once per instance: a step's
    /// templates and its card ask for the same values several times ("documents.summary" to decide whether the card
    /// has the line, then to fill it), and nothing they depend on changes while one step is worded.
    /// </summary>
    public string? Value(string name)
    {
        if (!_values.TryGetValue(name, out var value))
            _values[name] = value = PlaceholderByName.TryGetValue(name, out var p) ? p.Fill?.Invoke(this) : null;
        return value;
    }

    readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    string? Check() => _turn.Checked is not { } yes ? null
        : Label(_turn.Recognition.Facet == IntentCategory.Online ? (yes ? "check.can" : "check.cannot") : yes ? "check.yes" : "check.no") + " ";

    string? Performer()
    {
        if (_turn.Level is not { ByLevelOnly: true } && Md(Clause(_facts.Procedure?.Agency)) is { } agency) return agency;
        var levels = _turn.Level?.Levels ?? (_facts.Procedure is { } p ? _factCheck.LevelsOf(p) : []);
        return levels.Count == 0 ? null : string.Join(", ", levels.Select(l => Label("level." + l)));
    }

    /// <summary>Where to go when the catalogue names no address or agency: the one-stop desk, at the procedure's levels when known.</summary>
    string Fallback() => Label(Performer() is null ? "where.fallback" : "where.fallback-level");

    string? Asked() => _turn.Level is not { } level ? null
        : level.Kind is { } kind ? Label("agency." + kind) + " " + Label("level." + level.Level) : Label("level." + level.Level);

    string? Quoted() => _turn.Quoted is not { Count: > 0 } quoted ? null
        : string.Join("\n", quoted.Select(q => Label("line.quote", new Dictionary<string, string> { ["value"] = MarkdownText.Escape(q) })));

    public static string ModeTemplate(OnlineMode mode) => mode switch
    {
        OnlineMode.FullyOnline => "mode.fully-online",
        OnlineMode.Partial => "mode.partial",
        OnlineMode.Offline => "mode.offline",
        _ => "mode.unknown",
    };

    /// <summary>The template naming a channel: "channel." + its wire name (<see cref="MethodItem.Channel"/>).</summary>
    static string ChannelTemplate(MethodItem method) => "channel." + method.Channel;

    /// <summary>A procedure name fit for a button or list: without the "Thủ tục" prefix, shortened on a word boundary.</summary>
    public static string ShortName(string name, int maxLength)
    {
        var trimmed = ThuTucPrefix().Replace(name.Trim(), "");
        if (trimmed.Length > 0) trimmed = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return ShortText.Shorten(trimmed, maxLength);
    }

    /// <summary>A CommonMark autolink: clickable, and nothing in it is read as Markdown.</summary>
    public static string Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"<{uri.AbsoluteUri}>" : MarkdownText.Escape(url);

    /// <summary>Catalogue text placed inside a sentence: without its own closing punctuation ("Thuế cơ sở." → "Thuế cơ sở").</summary>
    static string? Clause(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().TrimEnd('.', ';', ',', ':', ' ');

    static string? Md(string? text) => string.IsNullOrWhiteSpace(text) ? null : MarkdownText.Escape(text.Trim());

    /// <summary>One value for every method ("Miễn phí"), or each method with its own ("Trực tuyến: …; Trực tiếp: …").</summary>
    string? Summary(ProcedureView v, Func<MethodItem, string?> pick) =>
        ChannelSummary.Of(v.Methods, pick, m => Label(ChannelTemplate(m)),
            one: value => MarkdownText.EscapeShort(value, 160), each: value => MarkdownText.EscapeShort(value, 100));

    /// <summary>
    /// A fee or time, marked as possibly out of date when its note states an end date that has passed (today from the
    /// turn's clock, in Vietnam): "miễn phí đến hết ngày 31/12/2025" read in 2026.
    /// </summary>
    string? Dated(string? value, IEnumerable<string?> notes)
    {
        if (value is null || EndDates.LatestPassed(notes, EndDates.TodayInVietnam(_turn.Now)) is not { } ended) return value;
        return value + " " + Label("note.ended", new Dictionary<string, string> { ["date"] = ended.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) });
    }

    string? MethodList(ProcedureView v, Func<MethodItem, string?> pick)
    {
        var lines = v.Methods.Where(m => pick(m) is not null)
            .Select(m => Label("line.method", new Dictionary<string, string>
            {
                ["channel"] = Label(ChannelTemplate(m)),
                ["value"] = Dated(MarkdownText.EscapeShort(pick(m), 300), [pick(m)])!,
            }))
            .Distinct().ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>Every document, numbered, those of one case under its heading (line.document.case, <see cref="DocumentGroups.Group"/>).</summary>
    string? DocumentList(ProcedureView v)
    {
        if (v.Documents.Count == 0) return null;
        return string.Join("\n", DocumentGroups.Group(v.Documents).SelectMany(g =>
        {
            var lines = g.Items.Select((d, i) =>
            {
                var locals = new Dictionary<string, string>
                {
                    ["n"] = (i + 1).ToString(),
                    ["name"] = MarkdownText.EscapeShort(d.Name, 200),
                    ["quantity"] = MarkdownText.Escape(d.Quantity ?? ""),
                };
                var template = d.MustPresentOnly ? "line.document.present" : d.Quantity is null ? "line.document" : "line.document.quantity";
                return Label(template, locals);
            });
            return g.Case is null ? lines
                : lines.Prepend(Label("line.document.case", new Dictionary<string, string> { ["case"] = MarkdownText.EscapeShort(g.Case, 300) }));
        }));
    }

    /// <summary>
    /// The card's checklist: the papers everyone needs first (<see cref="DocumentGroups.Checklist"/>), at most
    /// <see cref="MaxCardDocuments"/> as short bullets, then "và N giấy tờ khác" (the full list is one follow-up away).
    /// </summary>
    string? DocumentSummary(ProcedureView v)
    {
        var checklist = Checklist(v);
        if (checklist.Count == 0) return null;
        var lines = checklist.Take(MaxCardDocuments).Select(d => Label(d.MustPresentOnly ? "line.document.short.present" : "line.document.short",
            new Dictionary<string, string> { ["name"] = MarkdownText.Escape(DocumentGroups.Gist(d.Name, CardDocumentLength)) }));
        var shown = string.Join("\n", lines);
        var more = checklist.Count - MaxCardDocuments;
        return more <= 0 ? shown : shown + "\n\n" + Label("card.documents.more", new Dictionary<string, string> { ["count"] = more.ToString() });
    }

    /// <summary>
    /// The view's checklist (<see cref="DocumentGroups.Checklist"/>), worked out once per instance like the values: the
    /// card's summary line and its "all N papers" button both need it.
    /// </summary>
    public IReadOnlyList<DocumentItem> Checklist(ProcedureView v)
    {
        if (_checklist is not { } known || !ReferenceEquals(known.View, v))
            _checklist = known = (v, DocumentGroups.Checklist(v.Documents));
        return known.List;
    }

    (ProcedureView View, IReadOnlyList<DocumentItem> List)? _checklist;

    string? Places(ProcedureView v)
    {
        var lines = new List<string>();
        if (Md(v.Agency) is { } agency) lines.Add(Label("line.agency", new Dictionary<string, string> { ["value"] = agency }));
        if (Md(v.SubmissionAddress) is { } address) lines.Add(Label("line.address", new Dictionary<string, string> { ["value"] = address }));
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    string? StepList(ProcedureView v)
    {
        var steps = v.Steps.Take(MaxShownSteps).ToList();
        if (steps.Count == 0) return null;
        return Label("steps.heading") + "\n\n" + string.Join("\n", steps.Select((s, i) => Label("line.step", new Dictionary<string, string>
        {
            ["n"] = (i + 1).ToString(),
            ["step"] = MarkdownText.EscapeShort(StepPrefix().Replace(s, ""), 220),
        })));
    }

    [GeneratedRegex(@"^thủ tục\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ThuTucPrefix();

    [GeneratedRegex(@"^bước\s*\d+\s*[:.\-–]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StepPrefix();
}

/// <summary>A name templates may use in braces, what it holds (for dialogs/README.md and errors), and how a turn fills it.</summary>
/// <param name="Fill">Null for names the C# side fills itself where it renders a line or card template.</param>
public sealed record Placeholder(string Name, string Meaning, Func<Wording, string?>? Fill = null);
