using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// A procedure as shown to a citizen or a helper, for one province: every fact the renderers print, already worded
/// in Vietnamese (mode, channels, the honest "what still needs a visit"), and the one link to open. Built once by
/// <see cref="From"/>, so the web page, the terminal and the JSON say the same thing. The mode and link are the
/// province's when its list has the procedure (<see cref="ICatalogue.OfferFor"/>), else national, and say which.
/// </summary>
public sealed record ProcedureView
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Field { get; init; }
    public IReadOnlyList<string> Levels { get; init; } = [];
    public string? Description { get; init; }
    public string? Applicants { get; init; }
    public string? Agency { get; init; }
    public string? SubmissionAddress { get; init; }
    /// <summary>Where to go in person: the submission address, else the agency, else the one-stop desk.</summary>
    public required string Where { get; init; }
    public IReadOnlyList<string> Steps { get; init; } = [];
    public IReadOnlyList<DocumentItem> Documents { get; init; } = [];
    public IReadOnlyList<MethodItem> Methods { get; init; } = [];
    public IReadOnlyList<LegalItem> LegalBasis { get; init; } = [];
    public string? Conditions { get; init; }
    public string? Result { get; init; }
    public required OnlineModeText Online { get; init; }
    /// <summary>Fully or partly online in the citizen's province (the service link then submits; else it informs).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOnline { get; init; }
    /// <summary>One fee for every channel ("Miễn phí"), or each channel with its own.</summary>
    public string? FeeSummary { get; init; }
    public string? TimeSummary { get; init; }
    public required ServiceLink Link { get; init; }
    public ProvinceRef? Province { get; init; }
    public string? NationalUrl { get; init; }

    /// <param name="offer">The mode and link for the citizen's province: <c>catalogue.OfferFor(p, province)</c>.</param>
    public static ProcedureView From(Procedure p, OnlineOffer offer)
    {
        var province = offer.Province;
        var where = Clean(p.SubmissionAddress) ?? Clean(p.Agency) ?? Labels.OneStopDesk;
        var methods = p.Methods.Select(m => new MethodItem(Labels.ChannelWire(m.Channel), Labels.Channel(m.Channel),
            Clean(m.ProcessingTime), Clean(m.Fee), Clean(m.Description))).ToList();
        return new ProcedureView
        {
            Code = p.Code,
            Name = Clean(p.Name) ?? p.Code,
            Field = Clean(p.Field) ?? "",
            Levels = p.Levels.Select(Clean).OfType<string>().ToList(),
            Description = Clean(p.Description),
            Applicants = Clean(p.Applicants),
            Agency = Clean(p.Agency),
            SubmissionAddress = Clean(p.SubmissionAddress),
            Where = where,
            Steps = p.Steps.Select(Clean).OfType<string>().ToList(),
            Documents = DocumentsOf(p),
            Methods = methods,
            LegalBasis = p.LegalBasis.Select(l => new LegalItem(Clean(l.Title) ?? "", Clean(l.Number))).Where(l => l.Title.Length > 0).ToList(),
            Conditions = Clean(p.Conditions),
            Result = Clean(p.Result),
            Online = OnlineModeText.For(p, offer, where),
            IsOnline = offer.IsOnline,
            FeeSummary = ChannelSummary.Of(methods, m => m.Fee, m => m.ChannelLabel),
            TimeSummary = ChannelSummary.Of(methods, m => m.ProcessingTime, m => m.ChannelLabel),
            Link = ServiceLink.For(p, offer),
            Province = province is null ? null : new ProvinceRef(province.Id, province.Name, province.PortalUrl),
            NationalUrl = p.NationalUrl,
        };
    }

    /// <summary>The province's portal when it is not the link already given (every renderer offers it beside the link).</summary>
    public ProvinceRef? PortalBesideLink() => Province is { } p && !ServiceLink.SameUrl(p.PortalUrl, Link.Url) ? p : null;

    /// <summary>How many papers the procedure names, the same paper under several cases counted once (<see cref="DocumentGroups.Checklist"/>).</summary>
    public int ChecklistCount() => DocumentGroups.Checklist(Documents).Count;

    /// <summary>The procedure's documents as clean lines, in catalogue order (nameless ones left out).</summary>
    public static IReadOnlyList<DocumentItem> DocumentsOf(Procedure p) =>
        p.Documents.Select(d => new DocumentItem(Clean(d.Name) ?? "", Clean(d.Quantity), d.MustPresentOnly)).Where(d => d.Name.Length > 0).ToList();

    /// <summary>Catalogue text as one clean line: no control characters (a terminal must not run them), trimmed.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Most catalogue text is clean already (single spaces between words, nothing to drop): returned as it is,
        // found with a vectorised search instead of the character loop below (a turn cleans a whole procedure).
        if (text[0] != ' ' && text[^1] != ' ' && text.AsSpan().IndexOfAny(Blanks) < 0 && !text.Contains("  ", StringComparison.Ordinal))
            return text;
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        var space = false;
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u2028' or '\u2029';
            if (blank) { space = n > 0; continue; }
            if (space) { buffer[n++] = ' '; space = false; }
            buffer[n++] = c;
        }
        return n == 0 ? null : new string(buffer[..n]);
    }

    /// <summary>Every character <see cref="Clean"/> drops or turns into a space, except the space itself.</summary>
    static readonly System.Buffers.SearchValues<char> Blanks = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => c != ' ' && (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u2028' or '\u2029')).ToArray());
}

/// <param name="MustPresentOnly">Shown at the desk, not handed in ("mang bản chính để đối chiếu").</param>
public sealed record DocumentItem(string Name, string? Quantity, bool MustPresentOnly);

/// <param name="Channel">Wire name: online, in-person, postal.</param>
public sealed record MethodItem(string Channel, string ChannelLabel, string? ProcessingTime, string? Fee, string? Description);

public sealed record LegalItem(string Title, string? Number);

public sealed record ProvinceRef(string Id, string Name, string PortalUrl);

/// <summary>The link a citizen should open, and what kind it is (so the page can say "of your province" honestly).</summary>
/// <param name="Kind">"province" (the province's own submission page), "national" (the procedure on dichvucong.gov.vn) or "portal" (no procedure link known).</param>
public sealed record ServiceLink(string Url, string Kind, string Label)
{
    public const string NationalPortal = "https://dichvucong.gov.vn";

    public static ServiceLink For(Procedure p, OnlineOffer offer)
    {
        var province = offer.Province;
        var online = offer.IsOnline;
        if (province is not null && offer.ProvinceUrl is { } own)
            return new ServiceLink(own, "province", online ? $"Nộp hồ sơ trực tuyến trên Cổng dịch vụ công {province.Name}" : $"Xem thủ tục trên Cổng dịch vụ công {province.Name}");
        if (p.NationalUrl is { } national)
            return new ServiceLink(national, "national", online ? "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia" : "Xem thủ tục trên Cổng Dịch vụ công quốc gia");
        var portal = province?.PortalUrl ?? NationalPortal;
        return new ServiceLink(portal, "portal", province is null ? "Cổng Dịch vụ công quốc gia" : $"Cổng dịch vụ công {province.Name}");
    }

    /// <summary>The same address, whatever the case and a trailing slash.</summary>
    public static bool SameUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
