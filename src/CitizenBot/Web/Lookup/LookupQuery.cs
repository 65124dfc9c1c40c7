using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// The search page's query string, checked: q (the question), tinh (province id, name or pre-2025 name),
/// linh-vuc (a field from the catalogue), truc-tuyen (toan-trinh, mot-phan, khong-truc-tuyen, chua-ro). A value we do
/// not know is dropped with a friendly Vietnamese message instead of an error, so the form always comes back.
/// </summary>
public sealed record LookupQuery
{
    public const string QueryName = "q";
    public const string ProvinceName = "tinh";
    public const string FieldName = "linh-vuc";
    public const string ModeName = "truc-tuyen";
    public const string ShowAllName = "tat-ca";
    /// <summary>Longer than any real question; the searcher itself refuses 2,000 characters.</summary>
    public const int MaxQueryLength = 200;

    public string Query { get; init; } = "";
    public ProvinceChoice? Province { get; init; }
    public string? Field { get; init; }
    public OnlineMode? Mode { get; init; }
    /// <summary>Show the whole ranked list, barely related results included.</summary>
    public bool ShowAll { get; init; }
    public IReadOnlyList<string> Messages { get; init; } = [];

    public bool HasFilters => Field is not null || Mode is not null;

    public static LookupQuery Parse(ICatalogue catalogue, LookupFacets facets, string? q, string? tinh, string? field, string? mode, string? showAll = null)
    {
        var messages = new List<string>();
        var query = (q ?? "").Trim();
        if (query.Length > MaxQueryLength)
        {
            messages.Add($"Câu tìm kiếm dài quá (tối đa {MaxQueryLength} ký tự). Bạn gõ ngắn gọn tên việc cần làm, ví dụ “đổi bằng lái xe”.");
            query = "";
        }

        ProvinceChoice? province = null;
        if (!string.IsNullOrWhiteSpace(tinh))
        {
            province = ProvinceChoice.Resolve(catalogue, tinh);
            if (province is null)
                messages.Add($"Không tìm thấy tỉnh/thành phố “{Shorten(tinh)}”. Bạn chọn trong danh sách 34 tỉnh, thành phố nhé; kết quả dưới đây dùng liên kết quốc gia.");
            else if (province.FormerName is { } former)
                messages.Add($"{former} nay thuộc {province.Province.Name} (từ 1/7/2025); liên kết dưới đây là của {province.Province.Name}.");
        }

        string? knownField = null;
        if (!string.IsNullOrWhiteSpace(field))
        {
            knownField = facets.FindField(field);
            if (knownField is null)
                messages.Add($"Không có lĩnh vực “{Shorten(field)}” trong danh mục; đã bỏ bộ lọc lĩnh vực.");
        }

        OnlineMode? knownMode = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (OnlineModeNames.TryParse(mode.Trim().ToLowerInvariant(), out var parsed)) knownMode = parsed;
            else messages.Add($"Không hiểu mức độ trực tuyến “{Shorten(mode)}”; đã bỏ bộ lọc này.");
        }

        return new LookupQuery { Query = query, Province = province, Field = knownField, Mode = knownMode, ShowAll = showAll is "1" or "true", Messages = messages };
    }

    static string Shorten(string text) => ShortText.Shorten(ProcedureView.Clean(text) ?? "", 60);
}
