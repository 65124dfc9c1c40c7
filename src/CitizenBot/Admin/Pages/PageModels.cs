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
/// <param name="Others">The other needs of the filter this one can be merged into, most asked first.</param>
/// <param name="Wordings">The ways the cluster's questions were asked (signatures), each of which can be taken out.</param>
/// <param name="Regroups">Regroupings that concern this cluster, visible to the user, and whether the user may undo each.</param>
public sealed record ClusterModel(AdminFrame Frame, AdminFilter Filter, ICatalogue Catalogue, UnmetNeed Need, IReadOnlyList<DemandEntry> Entries,
    IReadOnlyList<(string Id, string Name)> MarkProvinces, IReadOnlyList<UnmetNeed> Others, IReadOnlyList<Wording> Wordings,
    IReadOnlyList<(ClusterRegroup Regroup, bool MayUndo)> Regroups);

/// <summary>One way a cluster's questions were asked: its signature, its newest question and how many asked it so.</summary>
public sealed record Wording(string Signature, string Example, int Count);

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
