using CitizenBot.Core.Catalogue;

namespace CitizenBot.Web.Lookup;

/// <summary>The look-up pages' addresses: one stable, shareable URL per procedure and province.</summary>
static class LookupUrls
{
    public const string Root = "/tra-cuu";
    public const string Stylesheet = "/tra-cuu/tra-cuu.css";
    public const string Script = "/tra-cuu/tra-cuu.js";

    public static string Detail(string code, Province? province) => WithProvince($"{Root}/{Uri.EscapeDataString(code)}", province);
    public static string Summary(string code, Province? province) => WithProvince($"{Root}/{Uri.EscapeDataString(code)}/tom-tat.txt", province);
    public static string QrSvg(string code, Province? province) => WithProvince($"{Root}/{Uri.EscapeDataString(code)}/qr.svg", province);
    public static string QrPng(string code, Province? province) => WithProvince($"{Root}/{Uri.EscapeDataString(code)}/qr.png", province);

    /// <summary>The search page with these filters (empty ones left out).</summary>
    public static string Search(string? query, Province? province, string? field, string? mode, bool showAll = false)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add(LookupQuery.QueryName, query);
        Add(LookupQuery.ProvinceName, province?.Id);
        Add(LookupQuery.FieldName, field);
        Add(LookupQuery.ModeName, mode);
        if (showAll) Add(LookupQuery.ShowAllName, "1");
        return parts.Count == 0 ? Root : Root + "?" + string.Join('&', parts);
    }

    static string WithProvince(string path, Province? province) =>
        province is null ? path : $"{path}?{LookupQuery.ProvinceName}={Uri.EscapeDataString(province.Id)}";
}
