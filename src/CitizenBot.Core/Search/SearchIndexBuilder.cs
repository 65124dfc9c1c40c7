using System.Diagnostics;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Search;

/// <summary>
/// Builds the FTS5 index file from the catalogue: into a temporary file first, then moved into place, so a reader
/// never sees a half-built index and a crash mid-build leaves the old one intact.
/// </summary>
public static class SearchIndexBuilder
{
    public static IndexBuildReport Build(IReadOnlyList<Procedure> procedures, VietnameseAnalyzer analyzer, string path, string fingerprint)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var documents = new IndexedDocument[procedures.Count];
        Parallel.For(0, procedures.Count, i => documents[i] = IndexedDocument.From(procedures[i], analyzer));

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, SearchSchema.Create);
            using var transaction = connection.BeginTransaction();
            using var insertDoc = Command(connection, transaction, "INSERT INTO docs(rowid, name, field, body) VALUES ($id, $name, $field, $body)");
            using var insertFeatures = Command(connection, transaction,
                "INSERT INTO features(rowid, code, name_terms, titles, field_terms, body_terms, name_accented_words) VALUES ($id, $code, $nameTerms, $titles, $fieldTerms, $bodyTerms, $nameAccented)");
            for (var i = 0; i < documents.Length; i++)
            {
                var d = documents[i];
                Run(insertDoc, ("$id", i + 1), ("$name", d.NameText), ("$field", d.FieldText), ("$body", d.BodyText));
                Run(insertFeatures, ("$id", i + 1), ("$code", d.Code), ("$nameTerms", string.Join(' ', d.NameTerms)),
                    ("$titles", string.Join('|', d.TitleWords.Select(t => string.Join(' ', t)))),
                    ("$fieldTerms", string.Join(' ', d.FieldTerms)), ("$bodyTerms", string.Join(' ', d.BodyTerms)),
                    ("$nameAccented", string.Join(' ', d.NameAccentedWords)));
            }
            using var meta = Command(connection, transaction, "INSERT INTO meta(key, value) VALUES ('fingerprint', $value), ('built_utc', $built), ('documents', $count)");
            Run(meta, ("$value", fingerprint), ("$built", DateTime.UtcNow.ToString("O")), ("$count", documents.Length));
            transaction.Commit();
            Execute(connection, "INSERT INTO docs(docs) VALUES ('optimize')");
        }
        File.Move(temporary, path, overwrite: true);
        return new IndexBuildReport(path, documents.Length, watch.Elapsed, new FileInfo(path).Length);
    }

    /// <summary>The fingerprint stored in an index file, or null when there is no readable index.</summary>
    public static string? ReadFingerprint(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'fingerprint'";
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            return null; // Not an index (or an older schema): it will be rebuilt.
        }
    }

    static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    static void Run(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public sealed record IndexBuildReport(string Path, int Documents, TimeSpan Elapsed, long Bytes);
