using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CitizenBot.Benchmarks;

/// <summary>
/// Writes a national-portal JSONL catalogue of any size by recombining the real catalogue's vocabulary: names are an
/// action head of one real name ("Cấp lại thẻ") joined to the tail of another ("căn cước (thực hiện tại cấp tỉnh)");
/// steps are paragraphs drawn from several real procedures; the flattened tables (methods, documents, legal basis) and
/// the other fields are whole values from random records, so they still parse as the importer expects. Seeded, so the
/// same size and seed give the same file.
/// </summary>
sealed partial class SyntheticCatalogue
{
    static readonly string[] Generated = ["ma_thu_tuc", "detail_url", "ten_thu_tuc", "trinh_tu_thuc_hien"];

    readonly List<JsonObject> _source;
    readonly List<string> _heads = [];
    readonly List<string> _tails = [];
    readonly List<string> _paragraphs = [];
    readonly string[] _fields;

    SyntheticCatalogue(List<JsonObject> source)
    {
        _source = source;
        _fields = source.SelectMany(r => r.Select(p => p.Key)).Distinct().Where(f => !Generated.Contains(f)).ToArray();
        foreach (var record in source)
        {
            var words = ((string?)record["ten_thu_tuc"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var cut = 2; cut <= 3 && cut < words.Length; cut++)
            {
                _heads.Add(string.Join(' ', words[..cut]));
                _tails.Add(string.Join(' ', words[cut..]));
            }
            _paragraphs.AddRange(((string?)record["trinh_tu_thuc_hien"] ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => StepNumber().Replace(p, "")).Where(p => p.Length > 0));
        }
    }

    public static SyntheticCatalogue FromNationalCatalogue(string path) =>
        new(File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList());

    public int SourceRecords => _source.Count;

    public long Write(string path, int count, int seed)
    {
        var random = new Random(seed);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var newline = "\n"u8.ToArray();
        for (var n = 0; n < count; n++)
        {
            using (var writer = new Utf8JsonWriter(file, options))
            {
                writer.WriteStartObject();
                // 1 digit, a dot, 6 digits like the portal's codes; 9.xxxxxx downwards never collides with real ones.
                writer.WriteString("ma_thu_tuc", $"{9 - n / 1_000_000}.{n % 1_000_000:D6}");
                writer.WriteString("detail_url", $"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{Guid(random)}");
                writer.WriteString("ten_thu_tuc", $"{Pick(random, _heads)} {Pick(random, _tails)}");
                foreach (var field in _fields)
                    if (Pick(random, _source)[field] is JsonValue value && value.TryGetValue<string>(out var text))
                        writer.WriteString(field, text);
                var steps = Enumerable.Range(0, random.Next(2, 7)).Select(i => $"Bước {i + 1}: {Pick(random, _paragraphs)}");
                writer.WriteString("trinh_tu_thuc_hien", string.Join('\n', steps));
                writer.WriteEndObject();
            }
            file.Write(newline);
        }
        return file.Length;
    }

    static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    static Guid Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static int MaxCount => 5_000_000;

    [GeneratedRegex(@"^Bước\s*\d+\s*[:.]\s*")]
    private static partial Regex StepNumber();
}
