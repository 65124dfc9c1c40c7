using System.Text.RegularExpressions;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Renders templates for one turn: fills placeholders from the procedure in focus, the user's province and the
/// question, always Markdown-safe (catalogue and user text escaped, links as &lt;autolinks&gt;).
/// </summary>
public sealed partial class Wording(TemplateSet templates, Turn turn, TurnFacts facts)
{
    public const string NationalPortal = "https://dichvucong.gov.vn";
    /// <summary>The card lists this many documents as short bullets, then "và N giấy tờ khác".</summary>
    public const int MaxCardDocuments = 3;
    const int CardDocumentLength = 70;
    const int MaxShownSteps = 5;

    public string Say(string template, IReadOnlyDictionary<string, string>? locals = null) =>
        templates.Render(template, name => locals is not null && locals.TryGetValue(name, out var v) ? v : Value(name), turn.NextSeed());

    /// <summary>A label (button title): the same text every time it is shown.</summary>
    public string Label(string template, IReadOnlyDictionary<string, string>? locals = null) =>
        templates.Render(template, name => locals is not null && locals.TryGetValue(name, out var v) ? v : Value(name), "label");

    /// <summary>
    /// The value of a placeholder, worked out once per instance: a step's templates and its card ask for the same
    /// values several times ("documents.summary" to decide whether the card has the line, then to fill it), and nothing
    /// they depend on changes while one step is worded.
    /// </summary>
    public string? Value(string name)
    {
        if (!_values.TryGetValue(name, out var value))
            _values[name] = value = Compute(name);
        return value;
    }

    readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    string? Compute(string name)
    {
        var p = facts.Procedure;
        var province = facts.Province;
        return name switch
        {
            "procedure.name" => Md(p?.Name),
            "procedure.code" => Md(p?.Code),
            "procedure.field" => Md(p?.Field),
            "mode" => facts.Offer is { } offer ? Label(ModeTemplate(offer.Mode)) : null,
            "mode.source" => facts.Offer is { } offer ? Md(OnlineModeText.SourceOf(offer).SourceShort) : null,
            "url" => p is null ? null : Link(facts.Offer?.LinkFor(p) ?? NationalPortal),
            "fee" => p is null ? null : Dated(Summary(p, m => m.Fee), p.Methods.Select(m => m.Fee)),
            "time" => p is null ? null : Dated(Summary(p, m => m.ProcessingTime), p.Methods.Select(m => m.ProcessingTime)),
            "fees" => p is null ? null : MethodList(p, m => m.Fee),
            "times" => p is null ? null : MethodList(p, m => m.ProcessingTime),
            "documents" => p is null ? null : DocumentList(p),
            "documents.summary" => p is null ? null : DocumentSummary(p),
            "places" => p is null ? null : Places(p),
            "where" => p is null ? null : Md(Clause(p.SubmissionAddress) ?? Clause(p.Agency)) ?? Label("where.fallback"),
            "agency" => Md(Clause(p?.Agency)),
            "applicants" => MarkdownText.EscapeShort(p?.Applicants?.Trim(), 600),
            "conditions" => MarkdownText.EscapeShort(p?.Conditions?.Trim(), 800),
            "result" => MarkdownText.EscapeShort(p?.Result?.Trim(), 600),
            "check" => turn.Checked is not { } yes ? null
                : Label(turn.Recognition.Facet == Lexicon.Online ? (yes ? "check.can" : "check.cannot") : yes ? "check.yes" : "check.no") + " ",
            "steps" => p is null ? null : StepList(p),
            "province.name" => Md(province?.Name),
            "portal" => province is null ? null : Link(province.PortalUrl),
            "former" => Md(turn.Recognition.FormerProvinceName),
            "question" => MarkdownText.EscapeShort(turn.State.LastQuestion?.Text ?? turn.Recognition.Text, 120),
            "choices" => turn.State.Choices is { } choices
                ? string.Join("\n", choices.Select((c, i) => $"{i + 1}. {MarkdownText.Escape(ShortName(c.Name, 140))}"))
                : null,
            "choices.count" => turn.State.Choices?.Count.ToString(),
            _ => null,
        };
    }

    public static string ModeTemplate(OnlineMode mode) => mode switch
    {
        OnlineMode.FullyOnline => "mode.fully-online",
        OnlineMode.Partial => "mode.partial",
        OnlineMode.Offline => "mode.offline",
        _ => "mode.unknown",
    };

    public static string ChannelTemplate(SubmissionChannel channel) => channel switch
    {
        SubmissionChannel.Online => "channel.online",
        SubmissionChannel.InPerson => "channel.in-person",
        _ => "channel.postal",
    };

    /// <summary>A procedure name fit for a button or list: without the "Thủ tục" prefix, shortened on a word boundary.</summary>
    public static string ShortName(string name, int maxLength)
    {
        var trimmed = ThuTucPrefix().Replace(name.Trim(), "");
        if (trimmed.Length > 0) trimmed = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return MarkdownText.Shorten(trimmed, maxLength);
    }

    /// <summary>A CommonMark autolink: clickable, and nothing in it is read as Markdown.</summary>
    public static string Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"<{uri.AbsoluteUri}>" : MarkdownText.Escape(url);

    /// <summary>Catalogue text placed inside a sentence: without its own closing punctuation ("Thuế cơ sở." → "Thuế cơ sở").</summary>
    static string? Clause(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().TrimEnd('.', ';', ',', ':', ' ');

    static string? Md(string? text) => string.IsNullOrWhiteSpace(text) ? null : MarkdownText.Escape(text.Trim());

    /// <summary>One value for every method ("Miễn phí"), or each method with its own ("Trực tuyến: …; Trực tiếp: …").</summary>
    string? Summary(Procedure p, Func<SubmissionMethod, string?> pick)
    {
        var known = p.Methods.Where(m => !string.IsNullOrWhiteSpace(pick(m))).ToList();
        if (known.Count == 0) return null;
        var values = known.Select(m => pick(m)!.Trim()).Distinct().ToList();
        if (values.Count == 1) return MarkdownText.EscapeShort(values[0], 160);
        return string.Join("; ", known.Select(m => $"{Label(ChannelTemplate(m.Channel))}: {MarkdownText.EscapeShort(pick(m), 100)}").Distinct());
    }

    /// <summary>
    /// A fee or time, marked as possibly out of date when its note states an end date that has passed (today from the
    /// turn's clock, in Vietnam): "miễn phí đến hết ngày 31/12/2025" read in 2026.
    /// </summary>
    string? Dated(string? value, IEnumerable<string?> notes)
    {
        if (value is null || EndDates.LatestPassed(notes, EndDates.TodayInVietnam(turn.Now)) is not { } ended) return value;
        return value + " " + Label("note.ended", new Dictionary<string, string> { ["date"] = ended.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) });
    }

    string? MethodList(Procedure p, Func<SubmissionMethod, string?> pick)
    {
        var lines = p.Methods.Where(m => !string.IsNullOrWhiteSpace(pick(m)))
            .Select(m => Label("line.method", new Dictionary<string, string>
            {
                ["channel"] = Label(ChannelTemplate(m.Channel)),
                ["value"] = Dated(MarkdownText.EscapeShort(pick(m), 300), [pick(m)])!,
            }))
            .Distinct().ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    string? DocumentList(Procedure p)
    {
        if (p.Documents.Count == 0) return null;
        return string.Join("\n", p.Documents.Select((d, i) =>
        {
            var locals = new Dictionary<string, string>
            {
                ["n"] = (i + 1).ToString(),
                ["name"] = MarkdownText.EscapeShort(d.Name, 200),
                ["quantity"] = MarkdownText.Escape(d.Quantity ?? ""),
            };
            var template = d.MustPresentOnly ? "line.document.present" : string.IsNullOrWhiteSpace(d.Quantity) ? "line.document" : "line.document.quantity";
            return Label(template, locals);
        }));
    }

    /// <summary>
    /// The card's checklist: the papers everyone needs first (<see cref="DocumentGroups.Checklist"/>), at most
    /// <see cref="MaxCardDocuments"/> as short bullets, then "và N giấy tờ khác" (the full list is one follow-up away).
    /// </summary>
    string? DocumentSummary(Procedure p)
    {
        var checklist = DocumentGroups.Checklist(ProcedureView.DocumentsOf(p));
        if (checklist.Count == 0) return null;
        var lines = checklist.Take(MaxCardDocuments).Select(d => Label(d.MustPresentOnly ? "line.document.short.present" : "line.document.short",
            new Dictionary<string, string> { ["name"] = MarkdownText.Escape(DocumentGroups.Gist(d.Name, CardDocumentLength)) }));
        var shown = string.Join("\n", lines);
        var more = checklist.Count - MaxCardDocuments;
        return more <= 0 ? shown : shown + "\n\n" + Label("card.documents.more", new Dictionary<string, string> { ["count"] = more.ToString() });
    }

    /// <summary>How many papers the procedure names, the same paper under several cases counted once.</summary>
    public static int ChecklistCount(Procedure p) => DocumentGroups.Checklist(ProcedureView.DocumentsOf(p)).Count;

    string? Places(Procedure p)
    {
        var lines = new List<string>();
        if (Md(p.Agency) is { } agency) lines.Add(Label("line.agency", new Dictionary<string, string> { ["value"] = agency }));
        if (Md(p.SubmissionAddress) is { } address) lines.Add(Label("line.address", new Dictionary<string, string> { ["value"] = address }));
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    string? StepList(Procedure p)
    {
        var steps = p.Steps.Where(s => !string.IsNullOrWhiteSpace(s)).Take(MaxShownSteps).ToList();
        if (steps.Count == 0) return null;
        return Label("steps.heading") + "\n\n" + string.Join("\n", steps.Select((s, i) => Label("line.step", new Dictionary<string, string>
        {
            ["n"] = (i + 1).ToString(),
            ["step"] = MarkdownText.EscapeShort(StepPrefix().Replace(s.Trim(), ""), 220),
        })));
    }

    [GeneratedRegex(@"^thủ tục\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ThuTucPrefix();

    [GeneratedRegex(@"^bước\s*\d+\s*[:.\-–]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StepPrefix();
}
