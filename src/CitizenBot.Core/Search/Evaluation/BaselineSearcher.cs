using System.Globalization;
using System.Text;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Search.Evaluation;

/// <summary>
/// The plain-FTS5 baseline of ../shared/tools/searcheval.py: what an off-the-shelf full-text index gives with no
/// Vietnamese-specific work. An in-memory FTS5 table (unicode61, remove_diacritics 2) over name, field and the first
/// 2,000 characters of the steps; the question lower-cased, split into \w+ tokens, each quoted and OR-ed; ranked by
/// bm25(p, 0, 5, 1, 0.5); "confident" whenever anything matches. Kept faithful to the tool so both print the same figure.
/// </summary>
public sealed class BaselineSearcher : IEvaluatedSearch, IDisposable
{
    const int StepsCharacters = 2000;
    readonly SqliteConnection _connection;

    BaselineSearcher(IEnumerable<(string Code, string Name, string Field, string Steps)> rows)
    {
        // A private in-memory database: nothing touches the disk, nothing is shared with another instance.
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE p USING fts5(code UNINDEXED, name, field, body, tokenize='unicode61 remove_diacritics 2')";
            create.ExecuteNonQuery();
        }
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO p VALUES ($code, $name, $field, $body)";
        var code = insert.Parameters.Add("$code", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var field = insert.Parameters.Add("$field", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        foreach (var row in rows)
        {
            (code.Value, name.Value, field.Value, body.Value) = (row.Code, row.Name, row.Field, FirstCodePoints(row.Steps, StepsCharacters));
            insert.ExecuteNonQuery();
            Documents++;
        }
        transaction.Commit();
    }

    public string Name => "plain FTS5";

    public int Documents { get; private set; }

    /// <summary>From the national-portal JSONL file itself, field by field as the tool reads it (ma_thu_tuc, ten_thu_tuc, linh_vuc, trinh_tu_thuc_hien).</summary>
    public static BaselineSearcher FromNationalFile(string path) =>
        new(File.ReadLines(path).Where(line => line.Trim().Length > 0).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            return (Text(r, "ma_thu_tuc"), Text(r, "ten_thu_tuc"), Text(r, "linh_vuc"), Text(r, "trinh_tu_thuc_hien"));
        }).ToList());

    /// <summary>From loaded procedures (e.g. the curated index-data folder): name, field and the steps one a line.</summary>
    public static BaselineSearcher FromProcedures(IEnumerable<Procedure> procedures) =>
        new(procedures.Select(p => (p.Code, p.Name, p.Field, string.Join('\n', p.Steps))).ToList());

    public EvalAnswer Ask(string question)
    {
        var tokens = WordTokens(question.ToLowerInvariant());
        if (tokens.Count == 0) return new EvalAnswer("none", []);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT code FROM p WHERE p MATCH $query ORDER BY bm25(p, 0, 5.0, 1.0, 0.5) LIMIT 5";
        command.Parameters.AddWithValue("$query", string.Join(" OR ", tokens.Select(t => $"\"{t}\"")));
        var codes = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) codes.Add(reader.GetString(0));
        return new EvalAnswer(codes.Count > 0 ? "confident" : "none", codes);
    }

    /// <summary>
    /// Python's re.findall(r'\w+', …) on str: runs of letters, numbers (decimal, letter and other numbers) and '_'.
    /// Combining marks are not word characters there (unlike .NET's \w), so this is written out by Unicode category.
    /// </summary>
    internal static List<string> WordTokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsPythonWordCharacter(rune)) current.Append(rune.ToString());
            else if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    static bool IsPythonWordCharacter(Rune rune) =>
        rune.Value == '_' || Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>Python's s[:n]: the first n code points (a surrogate pair is one).</summary>
    static string FirstCodePoints(string text, int count)
    {
        var end = 0;
        for (var n = 0; n < count && end < text.Length; n++)
            end += char.IsSurrogatePair(text, end) ? 2 : 1;
        return text[..end];
    }

    static string Text(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    public void Dispose() => _connection.Dispose();
}
