using System.Text;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Search;

/// <summary>
/// Searches an index file: the analysis chain turns the question into terms, FTS5 retrieves BM25 candidates, the
/// <see cref="Reranker"/> orders them and <see cref="MatchPolicy"/> gives the verdict. Thread-safe; one pooled
/// read-only connection per query.
/// </summary>
public sealed class FtsSearcher : ISearcher
{
    public const int MaxQueryLength = 2000;
    /// <summary>Up to this many matches are all reranked.</summary>
    const int MaxUnrankedCandidates = 1000;
    /// <summary>Beyond that, the best this many by BM25 are.</summary>
    const int CandidateLimit = 300;
    /// <summary>A term in more names than this share of the catalogue (or than <see cref="MaxSelectiveNames"/>) is too common to retrieve by.</summary>
    const double SelectiveShare = 0.05;
    const int MaxSelectiveNames = 500;

    readonly string _connectionString;
    readonly ICatalogue _catalogue;
    readonly VietnameseAnalyzer _analyzer;
    readonly FeatureRow[] _features; // index = rowid - 1
    readonly Procedure?[] _procedures;
    readonly string[] _variantKeys;
    readonly Reranker _reranker;
    readonly int _selectiveNameFrequency;
    readonly DocumentProfile[] _profiles; // index = rowid - 1
    readonly double[] _citizenPriors; // index = rowid - 1

    public FtsSearcher(string indexPath, ICatalogue catalogue, VietnameseAnalyzer analyzer)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = indexPath, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        // An idle pooled connection may still hold the file this path named before a rebuild moved a new one into
        // place (same process): start from fresh connections so features and FTS rows come from the same file.
        using (var stale = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(stale);
        _catalogue = catalogue;
        _analyzer = analyzer;
        var stored = LoadStoredTerms();
        Vocabulary = new IndexVocabulary(stored);
        var ids = new TermIds();
        _features = stored.Select(r => new FeatureRow(r.Code, ids.ToSet(r.Name), r.Titles, ids.ToSet(r.Field), ids.ToSet(r.Body), ids.ToSet(r.NameAccentedWords))).ToArray();
        _procedures = _features.Select(f => catalogue.FindByCode(f.Code)).ToArray();
        _variantKeys = _procedures.Select((p, i) => p is null ? $"#{i}" : LevelVariants.Key(p.Name)).ToArray();
        _reranker = new Reranker(Vocabulary, ids, analyzer.Lexicon.Modifiers);
        _selectiveNameFrequency = Math.Clamp((int)(stored.Count * SelectiveShare), 5, MaxSelectiveNames);
        _profiles = _features.Select((f, i) => _reranker.Profile(f, stored[i].Field)).ToArray();
        _citizenPriors = _procedures.Select(p => p is null ? 0 : CitizenPrior(p)).ToArray();
    }

    public IndexVocabulary Vocabulary { get; }

    public SearchResult Search(SearchRequest request)
    {
        var text = request.Query ?? "";
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidQueryException("Câu hỏi đang trống. / The question is empty.");
        if (text.Length > MaxQueryLength)
            throw new InvalidQueryException($"Câu hỏi quá dài (tối đa {MaxQueryLength} ký tự). / The question is too long (at most {MaxQueryLength} characters).");
        var top = Math.Clamp(request.Top, 1, 50);
        var province = request.Province is { Length: > 0 } name ? _catalogue.FindProvince(name) : null;

        var query = _analyzer.AnalyzeQuery(text, Vocabulary);
        var ranked = Rank(Candidates(query), _reranker.Prepare(query), province);
        var verdict = MatchPolicy.Decide(ranked.Take(2).Select(r => r.Features).ToList(), query.OutOfScope);
        var hits = ranked.Take(top)
            .Select(r => _procedures[r.Row - 1]!)
            .Zip(ranked.Take(top), (p, r) => new SearchHit(p, Math.Round(r.Features.Score, 4), p.LinkFor(province), r.Features))
            .ToList();
        return new SearchResult(text, query.Normalized, verdict, hits, province);
    }

    /// <summary>
    /// Scores every candidate, best first (ties by index order), keeping only the best of each procedure's level
    /// variants — the same procedure published once per level ("… (thực hiện tại cấp tỉnh)") is one answer.
    /// </summary>
    List<(long Row, RankFeatures Features)> Rank(List<long> candidates, PreparedQuery prepared, Province? province)
    {
        var scored = new List<(long Row, RankFeatures Features)>(candidates.Count);
        foreach (var rowid in candidates)
        {
            var index = rowid - 1;
            if (_procedures[index] is not { } procedure) continue;
            var features = _reranker.Score(prepared, _profiles[index]);
            var prior = _citizenPriors[index] + (province is not null && procedure.ProvinceUrls.ContainsKey(province.Id) ? ProvinceLinkPrior : 0);
            scored.Add((rowid, features with { Score = features.Score + prior }));
        }
        scored.Sort(static (a, b) => a.Features.Score != b.Features.Score ? b.Features.Score.CompareTo(a.Features.Score) : a.Row.CompareTo(b.Row));
        var variantsSeen = new HashSet<string>(StringComparer.Ordinal);
        var ranked = new List<(long Row, RankFeatures Features)>(scored.Count);
        foreach (var candidate in scored)
            if (variantsSeen.Add(_variantKeys[candidate.Row - 1])) ranked.Add(candidate);
        return ranked;
    }

    /// <summary>How the question was understood: each concept with its alternatives and weight (for tuning and support).</summary>
    public IReadOnlyList<string> ExplainQuery(string text) =>
        _analyzer.AnalyzeQuery(text, Vocabulary).Concepts
            .Zip(_reranker.Prepare(_analyzer.AnalyzeQuery(text, Vocabulary)).Concepts,
                (c, p) => $"{p.Weight:0.00} " + string.Join(" | ", c.Alternatives.Select(a => string.Join(' ', a))))
            .ToList();

    /// <summary>
    /// Small tie-breakers from who the procedure is for, fixed per procedure so they are computed once: citizens ask
    /// CitizenBot, so a procedure open to citizens beats an otherwise equal one for officials or agencies; among level
    /// variants, the one done at the commune or province is the one a citizen uses.
    /// </summary>
    static double CitizenPrior(Procedure procedure)
    {
        var bonus = 0.0;
        if (procedure.Applicants is { } who && CitizenApplicants.Any(c => who.Contains(c, StringComparison.OrdinalIgnoreCase))) bonus += 0.02;
        if (procedure.Levels.Any(l => l is "Cấp xã" or "Cấp tỉnh")) bonus += 0.001;
        return bonus;
    }

    /// <summary>A procedure with its own link for the user's province beats one without.</summary>
    const double ProvinceLinkPrior = 0.02;

    static readonly string[] CitizenApplicants = ["Công dân", "Cá nhân", "Hộ gia đình", "Người Việt Nam định cư"];

    List<long> Candidates(AnalyzedQuery query)
    {
        var terms = query.RetrievalTerms().ToList();
        if (terms.Count == 0) return [];
        // Words in many names ("đăng", "ký", "cấp") find everything and only slow ranking down; retrieve by the
        // selective ones when there are any (the reranker still weighs every word).
        var selective = terms.Where(t => Vocabulary.NameFrequency(t) <= _selectiveNameFrequency).ToList();
        if (selective.Count > 0) terms = selective;
        var match = MatchExpression(WithoutRedundantPairs(terms));
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Usually every match is reranked: cheaper than letting FTS5 rank them, and no good answer is cut off by BM25
        // order. Only when a question matches very many procedures (large catalogues) does BM25 choose the few.
        var rows = ReadRowIds(connection, SearchSchema.AllCandidates, match, MaxUnrankedCandidates + 1);
        return rows.Count <= MaxUnrankedCandidates ? rows : ReadRowIds(connection, SearchSchema.BestCandidates, match, CandidateLimit);
    }

    /// <summary>
    /// A name holding "khai_sinh" holds "khai" and "sinh": a word pair one of whose words is already a retrieval term
    /// finds nothing more, and each term costs FTS5 a look-up. Pairs of words too common to retrieve by stay.
    /// </summary>
    internal static List<string> WithoutRedundantPairs(IReadOnlyCollection<string> terms)
    {
        var words = terms.Where(t => !t.Contains('_')).ToHashSet(StringComparer.Ordinal);
        return terms.Where(t => t.IndexOf('_') is not (var at and >= 0) || !words.Contains(t[..at]) && !words.Contains(t[(at + 1)..])).ToList();
    }

    static List<long> ReadRowIds(SqliteConnection connection, string sql, string match, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$query", match);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(reader.GetInt64(0));
        return rows;
    }

    /// <summary>
    /// Each term quoted as an FTS5 string (quotes doubled), OR-ed: a user's text can never become FTS5 syntax
    /// (NEAR, AND, *, ^, column filters), whatever it contains.
    /// </summary>
    internal static string MatchExpression(IEnumerable<string> terms)
    {
        var sb = new StringBuilder();
        foreach (var term in terms)
        {
            if (sb.Length > 0) sb.Append(" OR ");
            sb.Append('"').Append(term.Replace("\"", "\"\"")).Append('"');
        }
        return sb.ToString();
    }

    List<StoredTerms> LoadStoredTerms()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, code, name_terms, titles, field_terms, body_terms, name_accented_words FROM features ORDER BY rowid";
        var rows = new List<StoredTerms>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetInt64(0) != rows.Count + 1) throw new InvalidDataException("Index features are not numbered 1..N; rebuild the index.");
            rows.Add(new StoredTerms(reader.GetString(1), Split(reader.GetString(2)),
                reader.GetString(3).Split('|', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split(' ')).ToArray(),
                Split(reader.GetString(4)), Split(reader.GetString(5)), Split(reader.GetString(6))));
        }
        return rows;
    }

    static string[] Split(string terms) => terms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
