using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CitizenBot.Core.Catalogue;

/// <summary>
/// A national-portal file loaded procedure by procedure with our words (<see cref="CatalogueLoader"/>), for a consumer
/// that starts on the first procedures while later lines are still being read: the index build, so that loading a
/// large file costs no wall time of its own. A procedure receives our words through any level variant of it that we
/// curate, which the file may list later: <see cref="Read"/> holds back the procedures of a variant group known to
/// hold a curated code, and <see cref="Revised"/> gives them, and any given before their group was known, at the end.
/// </summary>
public sealed class NationalCatalogueLoader
{
    readonly string _path;
    readonly IReadOnlyList<Province> _provinces;
    readonly List<CatalogueError> _rejected = [];
    readonly List<Procedure> _procedures = [];
    /// <summary>Each row's level-variant key (<see cref="LevelVariants.Key"/>), and whether <see cref="Read"/> held it back.</summary>
    readonly List<(string Key, bool HeldBack)> _rows = [];
    /// <summary>Curated procedures by code; empty without a curated folder.</summary>
    readonly Dictionary<string, Procedure> _ours;
    /// <summary>Variant groups holding a curated code: the curated procedures of their national records, in file order.</summary>
    readonly Dictionary<string, List<Procedure>> _curatedByVariant = new(StringComparer.Ordinal);
    readonly byte[] _curatedDigest;
    byte[]? _fileDigest;
    IReadOnlyList<(int Row, Procedure Procedure, bool Replaces)>? _revised;

    public NationalCatalogueLoader(string path, string indexDataFolder)
    {
        _path = path;
        _provinces = IndexDataLoader.LoadProvinces(Path.Combine(indexDataFolder, "provinces.json"));
        var ours = Directory.Exists(Path.Combine(indexDataFolder, "procedures")) ? IndexDataLoader.LoadProcedures(indexDataFolder) : [];
        // Codes are unique across curated files (the loader checks).
        _ours = ours.ToDictionary(p => p.Code, StringComparer.Ordinal);
        // One procedure at a time: the whole curated catalogue as one JSON buffer (several MB) would be rented from the
        // shared array pool, which keeps it for the life of the host (16 MB more resident).
        using var curatedBytes = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var procedure in ours) curatedBytes.AppendData(JsonSerializer.SerializeToUtf8Bytes(procedure));
        _curatedDigest = curatedBytes.GetHashAndReset();
    }

    /// <summary>
    /// The procedures in file order, numbered by their row in the catalogue; each is final unless <see cref="Revised"/>
    /// gives its row again. Enumerate once.
    /// </summary>
    public IEnumerable<(int Row, Procedure Procedure)> Read()
    {
        if (_fileDigest is not null) throw new InvalidOperationException("The file has been read.");
        using var bytes = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var procedure in NationalPortalImporter.Read(_path, _rejected, bytes))
        {
            var row = _procedures.Count;
            var key = LevelVariants.Key(procedure.Name);
            _procedures.Add(procedure);
            if (_ours.TryGetValue(procedure.Code, out var curated))
            {
                if (!_curatedByVariant.TryGetValue(key, out var group)) _curatedByVariant[key] = group = [];
                group.Add(curated);
            }
            var heldBack = _curatedByVariant.ContainsKey(key);
            _rows.Add((key, heldBack));
            if (!heldBack) yield return (row, procedure);
        }
        _fileDigest = bytes.GetHashAndReset();
        if (_procedures.Count == 0)
            throw new CatalogueLoadException([new CatalogueError(_path, "", "", "no procedure could be read"), .. _rejected.Take(20)]);
    }

    /// <summary>
    /// After <see cref="Read"/>: every procedure of a variant group holding a curated code, with our words, in row
    /// order; <c>Replaces</c> when <see cref="Read"/> gave it before its group was known to hold one.
    /// </summary>
    public IReadOnlyList<(int Row, Procedure Procedure, bool Replaces)> Revised()
    {
        if (_fileDigest is null) throw new InvalidOperationException("Read the file first.");
        if (_revised is not null) return _revised;
        var revised = new List<(int, Procedure, bool)>();
        for (var row = 0; row < _procedures.Count; row++)
        {
            var (key, heldBack) = _rows[row];
            if (!_curatedByVariant.TryGetValue(key, out var curated)) continue;
            _procedures[row] = WithOurWords(_procedures[row], curated);
            revised.Add((row, _procedures[row], !heldBack));
        }
        return _revised = revised;
    }

    /// <summary>The whole catalogue, reading what is left of the file first.</summary>
    public LoadedCatalogue Load()
    {
        if (_fileDigest is null) foreach (var _ in Read()) { }
        Revised();
        return new LoadedCatalogue(new InMemoryCatalogue(_procedures, _provinces), _rejected);
    }

    /// <summary>
    /// What the catalogue is made from: the file's bytes and the curated procedures (the code that reads them is
    /// <c>SearchEngine.AnalysisVersion</c>'s). Known once <see cref="Read"/> is done; before, it reads the file for it.
    /// </summary>
    public string SourceDigest()
    {
        var file = _fileDigest;
        if (file is null)
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            file = SHA256.HashData(stream);
        }
        return Convert.ToHexString(file) + "|" + Convert.ToHexString(_curatedDigest);
    }

    /// <summary>
    /// The national file has the facts; the words citizens use are ours. A national procedure that the curated
    /// catalogue also has (same code, or a level variant of it) gets its aliases, its description when the
    /// national record has none, and its online mode (the national export has no toàn trình flag): the curated
    /// procedure of the same code first, else the mode every level variant agrees on, else chưa rõ.
    /// </summary>
    Procedure WithOurWords(Procedure p, List<Procedure> curated) => p with
    {
        Aliases = p.Aliases.Concat(curated.SelectMany(c => c.Aliases)).Distinct().ToList(),
        Description = p.Description ?? curated.Select(c => c.Description).FirstOrDefault(d => d is not null),
        OnlineMode = _ours.TryGetValue(p.Code, out var same) ? same.OnlineMode
            : curated.Select(c => c.OnlineMode).Distinct().ToList() is [var agreed] ? agreed : OnlineMode.Unknown,
    };
}
