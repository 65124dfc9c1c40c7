using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Admin.Pages;

/// <summary>What every dashboard page's frame needs: its title, the signed-in user (none on the sign-in page), the
/// anti-forgery token for its forms, the active menu entry, and the catalogue for province names.</summary>
public sealed record AdminFrame(string Title, AdminScope? Scope, string AntiforgeryToken, string Active = "", ICatalogue? Catalogue = null);

public sealed record LoginModel(AdminFrame Frame, string ReturnUrl, string? Error);

public sealed record OverviewModel(AdminFrame Frame, AdminFilter Filter, ICatalogue Catalogue, DemandSummary Summary, IReadOnlyList<UnmetNeed> Unmet,
    BacklogReport Backlog, IReadOnlyList<ProvinceFigures> Provinces, IReadOnlyList<PeriodVolume> Weeks);

public sealed record UnmetModel(AdminFrame Frame, AdminFilter Filter, ICatalogue Catalogue, IReadOnlyList<UnmetNeed> Needs);

/// <param name="MarkProvinces">Where the user may apply a mark ("" = every province, admins only); empty: no form.</param>
public sealed record ClusterModel(AdminFrame Frame, AdminFilter Filter, ICatalogue Catalogue, UnmetNeed Need, IReadOnlyList<DemandEntry> Entries,
    IReadOnlyList<(string Id, string Name)> MarkProvinces);

/// <param name="Markable">Provinces the user may mark "tỉnh đã cung cấp toàn trình" for.</param>
public sealed record BacklogModel(AdminFrame Frame, AdminFilter Filter, ICatalogue Catalogue, BacklogReport Backlog, IReadOnlyList<UsageFigures> Usage,
    IReadOnlyList<Province> Markable);

public sealed record AuditModel(AdminFrame Frame, IReadOnlyList<AuditEntry> Entries);

/// <summary>One row of the province lists' coverage table: the list in force, or none.</summary>
public sealed record ProvinceCoverage(Province Province, ProvinceListVersion? Version, int FullyOnline, int Partial, int Offline, int Count);

/// <summary>The chosen province's versions, and whether this user may upload or restore them.</summary>
public sealed record ProvinceVersions(Province Province, IReadOnlyList<ProvinceListVersion> Versions, bool MayChange);

public sealed record ProvinceListsModel(AdminFrame Frame, IReadOnlyList<ProvinceCoverage> Coverage, int CatalogueSize, ProvinceVersions? Chosen);

/// <summary>An upload's outcome: a file that could not be read (<paramref name="Error"/>), a preview, or the version applied.</summary>
public sealed record ProvinceListUploadModel(AdminFrame Frame, Province Province, ProvinceListPreview? Preview, string? Error = null,
    ProvinceListVersion? Applied = null, bool DryRun = false);
