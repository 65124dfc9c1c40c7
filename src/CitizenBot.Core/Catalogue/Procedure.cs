namespace CitizenBot.Core.Catalogue;

/// <summary>One administrative procedure (thủ tục hành chính) as the bot knows it.</summary>
public sealed record Procedure
{
    /// <summary>National procedure code (mã thủ tục), e.g. "1.001193".</summary>
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Field (lĩnh vực), e.g. "Hộ tịch".</summary>
    public required string Field { get; init; }
    /// <summary>Levels that carry it out: "Cấp bộ", "Cấp tỉnh", "Cấp xã", "Cơ quan khác".</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];
    /// <summary>Who may apply (đối tượng thực hiện).</summary>
    public string? Applicants { get; init; }
    /// <summary>Agency that carries it out or decides (cơ quan thực hiện / có thẩm quyền).</summary>
    public string? Agency { get; init; }
    /// <summary>Where dossiers are received, when the portal says.</summary>
    public string? SubmissionAddress { get; init; }
    public IReadOnlyList<string> Steps { get; init; } = [];
    public IReadOnlyList<RequiredDocument> Documents { get; init; } = [];
    public IReadOnlyList<SubmissionMethod> Methods { get; init; } = [];
    public IReadOnlyList<LegalReference> LegalBasis { get; init; } = [];
    public string? Conditions { get; init; }
    /// <summary>The document the citizen receives (kết quả).</summary>
    public string? Result { get; init; }
    public OnlineMode OnlineMode { get; init; } = OnlineMode.Unknown;
    /// <summary>The procedure's page on dichvucong.gov.vn.</summary>
    public string? NationalUrl { get; init; }
    /// <summary>Submission links on provincial portals, keyed by province id (see <see cref="Province.Id"/>).</summary>
    /// <remarks>None by default: one empty dictionary for all (a national procedure has none; one each was 0.25 MB).</remarks>
    public IReadOnlyDictionary<string, string> ProvinceUrls { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
    /// <summary>Words citizens use for it ("làm giấy khai sinh", "khai sanh"): written by us, not by the portal.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>A plain-language one-paragraph explanation, written by us.</summary>
    public string? Description { get; init; }

    /// <summary>The link a citizen should open: the province's own submission link when known, else the national page.</summary>
    public string? LinkFor(Province? province) =>
        province is not null && ProvinceUrls.TryGetValue(province.Id, out var url) ? url : NationalUrl;
}

/// <summary>A document in the dossier (thành phần hồ sơ).</summary>
public sealed record RequiredDocument(string Name, string? Quantity = null, bool MustPresentOnly = false);

/// <summary>One way to submit (hình thức nộp) with its own processing time and fee.</summary>
public sealed record SubmissionMethod(SubmissionChannel Channel, string? ProcessingTime, string? Fee, string? Description = null);

public enum SubmissionChannel { Online, InPerson, Postal }

/// <summary>A legal document the procedure rests on (căn cứ pháp lý).</summary>
public sealed record LegalReference(string Title, string? Number = null);

/// <summary>How far the procedure can be done online.</summary>
public enum OnlineMode
{
    /// <summary>Chưa rõ: the source does not say.</summary>
    Unknown,
    /// <summary>Toàn trình: everything, including the result, online.</summary>
    FullyOnline,
    /// <summary>Một phần: the dossier can be submitted online, but something still needs a visit.</summary>
    Partial,
    /// <summary>Không trực tuyến: paper or in person only.</summary>
    Offline,
}
