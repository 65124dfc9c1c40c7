using System.Text.Json;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Catalogue;

/// <summary>
/// Loads the curated catalogue folder (index-data/: procedures/*.json, provinces.json; format in index-data/README.md)
/// and validates every record. Any error stops the load with file, record and field named: nothing is half-loaded.
/// </summary>
public static partial class IndexDataLoader
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<Procedure> LoadProcedures(string folder)
    {
        var errors = new List<CatalogueError>();
        var procedures = new List<Procedure>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var directory = Path.Combine(folder, "procedures");
        if (!Directory.Exists(directory))
            throw new CatalogueLoadException([new CatalogueError(directory, "", "", "folder not found")]);
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var records = ReadArray<ProcedureFile>(file, errors);
            for (var i = 0; i < records.Count; i++)
            {
                var record = $"#{i + 1}{(records[i].Code is { } c ? $" ({c})" : "")}";
                var procedure = Validate(records[i], file, record, errors);
                if (procedure is null) continue;
                if (codes.TryGetValue(procedure.Code, out var first))
                    errors.Add(new CatalogueError(file, record, "code", $"duplicate code, already in {first}"));
                else
                {
                    codes[procedure.Code] = $"{Path.GetFileName(file)} {record}";
                    procedures.Add(procedure);
                }
            }
        }
        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return procedures;
    }

    public static IReadOnlyList<Province> LoadProvinces(string file)
    {
        var errors = new List<CatalogueError>();
        if (!File.Exists(file)) throw new CatalogueLoadException([new CatalogueError(file, "", "", "file not found")]);
        var records = ReadArray<Province?>(file, errors);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var provinces = new List<Province>();
        for (var i = 0; i < records.Count; i++)
        {
            var p = records[i];
            var record = $"#{i + 1}{(p?.Id is { } id ? $" ({id})" : "")}";
            if (p is null) { errors.Add(new CatalogueError(file, record, "", "null record")); continue; }
            if (string.IsNullOrWhiteSpace(p.Id) || !Slug().IsMatch(p.Id)) errors.Add(new CatalogueError(file, record, "id", "required: lowercase ASCII words joined by '-'"));
            else if (!ids.Add(p.Id)) errors.Add(new CatalogueError(file, record, "id", "duplicate id"));
            if (string.IsNullOrWhiteSpace(p.Name)) errors.Add(new CatalogueError(file, record, "name", "required"));
            if (!IsHttpUrl(p.PortalUrl)) errors.Add(new CatalogueError(file, record, "portalUrl", "required: an http(s) URL"));
            foreach (var former in p.FormerNames ?? [])
            {
                var key = Province.Key(former);
                if (names.TryGetValue(key, out var owner) && owner != p.Id)
                    errors.Add(new CatalogueError(file, record, "formerNames", $"'{former}' is already a former name of {owner}"));
                names[key] = p.Id ?? "";
            }
            provinces.Add(p with { FormerNames = p.FormerNames ?? [], Aliases = p.Aliases ?? [] });
        }
        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return provinces;
    }

    static List<T> ReadArray<T>(string file, List<CatalogueError> errors)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
        }
        catch (JsonException e)
        {
            // e.Path names the record and field ("$[3].methods[0].fee"), e.LineNumber is zero-based.
            errors.Add(new CatalogueError(file, $"line {e.LineNumber + 1}", e.Path ?? "", $"not valid: {FirstSentence(e.Message)}"));
            return [];
        }
    }

    static string FirstSentence(string message) => message.Split(". Path:")[0];

    static Procedure? Validate(ProcedureFile r, string file, string record, List<CatalogueError> errors)
    {
        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new CatalogueError(file, record, field, message));
        if (string.IsNullOrWhiteSpace(r.Code)) Error("code", "required");
        else if (!CodeShape().IsMatch(r.Code)) Error("code", $"'{r.Code}' is not a procedure code like 1.001193");
        if (string.IsNullOrWhiteSpace(r.Name)) Error("name", "required");
        if (string.IsNullOrWhiteSpace(r.Field)) Error("field", "required");
        var mode = OnlineMode.Unknown;
        if (r.OnlineMode is not null && !OnlineModeNames.TryParse(r.OnlineMode, out mode))
            Error("onlineMode", $"'{r.OnlineMode}' is not one of toan-trinh, mot-phan, khong-truc-tuyen, chua-ro");
        var methods = new List<SubmissionMethod>();
        foreach (var (m, i) in (r.Methods ?? []).Select((m, i) => (m, i)))
        {
            SubmissionChannel? channel = m.Channel switch { "online" => SubmissionChannel.Online, "in-person" => SubmissionChannel.InPerson, "postal" => SubmissionChannel.Postal, _ => null };
            if (channel is null) Error($"methods[{i}].channel", $"'{m.Channel}' is not one of online, in-person, postal");
            else methods.Add(new SubmissionMethod(channel.Value, m.ProcessingTime, m.Fee, m.Description));
        }
        foreach (var (d, i) in (r.Documents ?? []).Select((d, i) => (d, i)))
            if (string.IsNullOrWhiteSpace(d.Name)) Error($"documents[{i}].name", "required");
        if (r.NationalUrl is not null && !IsHttpUrl(r.NationalUrl)) Error("nationalUrl", "must be an http(s) URL");
        foreach (var (province, url) in r.ProvinceUrls ?? [])
            if (!IsHttpUrl(url)) Error($"provinceUrls.{province}", "must be an http(s) URL");
        if (errors.Count > before) return null;
        return new Procedure
        {
            Code = r.Code!.Trim(),
            Name = r.Name!.Trim(),
            Field = r.Field!.Trim(),
            Levels = r.Levels ?? [],
            Applicants = r.Applicants,
            Agency = r.Agency,
            SubmissionAddress = r.SubmissionAddress,
            Steps = r.Steps ?? [],
            Documents = (r.Documents ?? []).Select(d => new RequiredDocument(d.Name!, d.Quantity, d.MustPresentOnly)).ToList(),
            Methods = methods,
            LegalBasis = (r.LegalBasis ?? []).Where(l => !string.IsNullOrWhiteSpace(l.Title)).Select(l => new LegalReference(l.Title!, l.Number)).ToList(),
            Conditions = r.Conditions,
            Result = r.Result,
            OnlineMode = mode,
            NationalUrl = r.NationalUrl,
            ProvinceUrls = r.ProvinceUrls ?? [],
            Aliases = r.Aliases ?? [],
            Description = r.Description,
        };
    }

    static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    // The file shape, loose on purpose so validation can name what is wrong instead of failing on the first error.
    sealed record ProcedureFile(
        string? Code, string? Name, string? Field, List<string>? Levels, string? Applicants, string? Agency,
        string? SubmissionAddress, List<string>? Steps, List<DocumentFile>? Documents, List<MethodFile>? Methods,
        List<LegalFile>? LegalBasis, string? Conditions, string? Result, string? OnlineMode, string? NationalUrl,
        Dictionary<string, string>? ProvinceUrls, List<string>? Aliases, string? Description);
    sealed record DocumentFile(string? Name, string? Quantity, bool MustPresentOnly);
    sealed record MethodFile(string? Channel, string? ProcessingTime, string? Fee, string? Description);
    sealed record LegalFile(string? Title, string? Number);
}
