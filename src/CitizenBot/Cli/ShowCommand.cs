using System.CommandLine;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot show &lt;code&gt; [--province X] [--format text|json|markdown|summary]`: one procedure, rendered by the same
/// renderers as the look-up page (CitizenBot.Core.Presentation), with the link for the province. Reads the catalogue
/// only (no search index). Unknown code, province or format: a message on stderr and exit code 2.
/// </summary>
public sealed class ShowCommand : Command
{
    public Argument<string> Code { get; } = new("code") { Description = "National procedure code (mã thủ tục), e.g. 1.001193" };
    public Option<string?> Province { get; } = new("--province") { Description = "Province id, name or pre-2025 name: chooses the online-service link" };
    public Option<string> Format { get; } = new("--format")
    {
        Description = "text (default), json, markdown, or summary (the short Zalo/SMS text)",
        DefaultValueFactory = _ => "text",
    };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "The curated folder with provinces.json (default: the nearest index-data/)" };
    public CommonOptions Common { get; } = new();

    public ShowCommand() : base("show", "Show one procedure: documents checklist, fees and times, where to go, online link.")
    {
        Add(Code); Add(Province); Add(Format); Add(IndexData);
        Format.CompletionSources.Add(ProcedureRenderer.FormatNames.ToArray());
        Common.AddTo(this);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        var formatName = result.GetValue(Format);
        if (!ProcedureRenderer.TryParse(formatName, out var format))
        {
            error.WriteLine($"Unknown format '{formatName}'. Use one of: {string.Join(", ", ProcedureRenderer.FormatNames)}.");
            return ExitCodes.BadInput;
        }
        var (catalogueOptions, _) = Common.Resolve(result);
        if (result.GetValue(IndexData) is { Length: > 0 } indexData) catalogueOptions.IndexDataPath = indexData;
        var catalogue = CatalogueLoader.Load(catalogueOptions.ResolvedPath, catalogueOptions.ResolvedIndexDataPath).Catalogue;

        var code = result.GetValue(Code) ?? "";
        if (catalogue.FindByCode(code) is not { } procedure)
        {
            error.WriteLine($"Không có thủ tục mã '{code}' trong danh mục. / Unknown procedure code '{code}' ({catalogue.Procedures.Count} procedures in {catalogueOptions.ResolvedPath}). Find codes with: citizenbot search \"<question>\"");
            return ExitCodes.BadInput;
        }
        Province? province = null;
        if (result.GetValue(Province) is { Length: > 0 } name)
        {
            if (ProvinceChoice.Resolve(catalogue, name) is not { } choice)
            {
                error.WriteLine($"Không tìm thấy tỉnh/thành phố '{name}'. / Unknown province '{name}'. Known: {string.Join(", ", catalogue.Provinces.Select(p => p.Id))}");
                return ExitCodes.BadInput;
            }
            province = choice.Province;
            if (choice.FormerName is { } former)
                error.WriteLine($"{former} nay thuộc {province.Name} (từ 1/7/2025).");
        }
        output.Write(ProcedureRenderer.Render(ProcedureView.From(procedure, catalogue.OfferFor(procedure, province)), format));
        return ExitCodes.Ok;
    }
}
