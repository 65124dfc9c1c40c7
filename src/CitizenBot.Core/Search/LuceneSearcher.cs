using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CitizenBot.Core.Search;

/// <summary>
/// Searches the Lucene index: the analysis chain turns the question into terms, a BooleanQuery of the selective ones
/// retrieves candidates from name and field, the <see cref="Reranker"/> orders them from what the index holds about
/// each (its titles, and which of the question's terms its name, field, body and accented words contain) and
/// <see cref="MatchPolicy"/> gives the verdict. Thread-safe: each query acquires a read-only searcher from a
/// <see cref="SearcherManager"/>.
/// </summary>
public sealed class LuceneSearcher : ISearcher, IDisposable
{
    public const int MaxQueryLength = 2000;
    /// <summary>Up to this many matches are all reranked.</summary>
    const int MaxUnrankedCandidates = 1000;
    /// <summary>Beyond that, the best this many by BM25 are.</summary>
    const int CandidateLimit = 300;
    /// <summary>A term in more names than this share of the catalogue (or than <see cref="MaxSelectiveNames"/>) is too common to retrieve by.</summary>
    const double SelectiveShare = 0.05;
    const int MaxSelectiveNames = 500;
    /// <summary>Terms per BooleanQuery (two clauses each): a long question's are split so no query passes Lucene's 1,024 clauses.</summary>
    const int TermsPerQuery = 256;

    readonly FSDirectory _directory;
    readonly SearcherManager _searchers;
    readonly ICatalogue _catalogue;
    readonly VietnameseAnalyzer _analyzer;
    readonly Procedure[] _procedures; // index = row
    readonly string[] _variantKeys;
    readonly double[] _citizenPriors;
    readonly int _selectiveNameFrequency;
    /// <summary>Every term of the titles and of the indexed name, field, body and accented words, numbered once at open; a question's term in none of them has no id.</summary>
    readonly TermIds _indexTerms = new();
    /// <summary>Each procedure ready for scoring (index = row): its titles prepared and its name, field, body and accented-word term sets.</summary>
    readonly DocumentProfile[] _profiles;
    /// <summary>Scores with <see cref="_indexTerms"/>, which no question changes: one for all questions.</summary>
    readonly Reranker _reranker;
    /// <summary>
    /// The documents (ascending ids) whose name or field holds each term (index = term id in <see cref="_indexTerms"/>):
    /// what the retrieval query matches, read without building Lucene's weights (a term-dictionary seek and BM25
    /// statistics per term and field). Null when the index has deletions: then Lucene's query decides.
    /// </summary>
    readonly int[][]? _nameOrField;

    /// <param name="catalogue">The catalogue the index was built from (rows are its procedures in order).</param>
    public LuceneSearcher(string indexPath, ICatalogue catalogue, VietnameseAnalyzer analyzer)
    {
        StatedAge = analyzer.Lexicon.StatedAge ?? throw new ArgumentException(
            $"The lexicon has no age words: {nameof(LexiconLoader)}.{nameof(LexiconLoader.Load)} reads them from {AgeWords.FileName}.", nameof(analyzer));
        _directory = FSDirectory.Open(indexPath);
        _searchers = new SearcherManager(_directory, new SearchIndex.Bm25SearcherFactory());
        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            if (reader.NumDocs != catalogue.Procedures.Count)
                throw new InvalidDataException($"The index at {indexPath} holds {reader.NumDocs} procedures, the catalogue {catalogue.Procedures.Count}; rebuild the index.");
            var sets = IndexedSets.Read(reader, _indexTerms);
            Vocabulary = IndexVocabulary.Read(reader, WordFrequencies(reader, sets, _indexTerms), _indexTerms);
            _reranker = new Reranker(Vocabulary, _indexTerms, analyzer.Lexicon.Modifiers);
            _profiles = Profiles(reader, sets, _reranker, _indexTerms);
            _nameOrField = reader.HasDeletions ? null : NameOrField(sets.Name, sets.Field, _indexTerms.Count);
        }
        finally
        {
            _searchers.Release(searcher);
        }
        _catalogue = catalogue;
        _analyzer = analyzer;
        _procedures = catalogue.Procedures.ToArray();
        _variantKeys = _procedures.Select(p => LevelVariants.Key(p.Name)).ToArray();
        _citizenPriors = _procedures.Select(CitizenPrior).ToArray();
        _selectiveNameFrequency = Math.Clamp((int)(_procedures.Length * SelectiveShare), 5, MaxSelectiveNames);
    }

    public IndexVocabulary Vocabulary { get; }

    public StatedAge StatedAge { get; }

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
        var searcher = _searchers.Acquire();
        try
        {
            var ranking = Rank(searcher.IndexReader, Candidates(searcher, query), query, province);
            // Out of scope ("kể chuyện cười"), a word that happens to name a procedure ("cười" ~ "cưới" ~ "kết hôn") is no
            // reason to put it first: what the question is about is what the verdict weighs.
            var byAge = StatedAge.Apply(query.OutOfScope ? ranking : NamedFirst.Apply(ranking, r => r.Features),
                r => _procedures[r.Row].Name, text);
            var (ranked, runnerUp) = GeneralCase.Apply(byAge, r => _procedures[r.Row].Name, r => _variantKeys[r.Row], r => r.Features.Score, QuestionWords(query));
            // A question of weak words only ("làm", "cho con", "bé") says who or that, never what: whatever it matches, it
            // names no procedure (its coverage is full only because it asks so little). Out of scope stays out of scope.
            var verdict = !query.OutOfScope && query.Concepts.All(c => c.Emphasis <= VietnameseAnalyzer.WeakWordEmphasis)
                ? MatchVerdict.None
                : MatchPolicy.Decide(ranked.Take(1).Concat(ranked.Skip(runnerUp).Take(1)).Select(r => r.Features).ToList(), query.OutOfScope,
                    query.Unserved is not null && !MatchPolicy.NamesAChoice(ranked.Select(r => r.Features)));
            var hits = ranked.Take(top)
                .Select(r => new SearchHit(_procedures[r.Row], Math.Round(r.Features.Score, 4), _procedures[r.Row].LinkFor(province), r.Features))
                .ToList();
            return new SearchResult(text, query.Normalized, verdict, hits, province) { Unserved = verdict == MatchVerdict.None ? query.Unserved : null };
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public bool IsFiller(string word) => _analyzer.Lexicon.Stops.Contains(word, Vocabulary);

    /// <summary>Every folded word the question says, in any of its readings (lexicon alternatives included).</summary>
    static HashSet<string> QuestionWords(AnalyzedQuery query)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var concept in query.Concepts)
            foreach (var alternative in concept.Alternatives)
                foreach (var word in alternative) words.Add(VietnameseText.Fold(word).ToLowerInvariant());
        foreach (var word in VietnameseText.Fold(query.Normalized).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            words.Add(word);
        return words;
    }

    /// <summary>
    /// Scores every candidate, best first (ties by catalogue order), keeping only the best of each procedure's level
    /// variants — the same procedure published once per level ("… (thực hiện tại cấp tỉnh)") is one answer.
    /// </summary>
    List<(int Row, RankFeatures Features)> Rank(IndexReader reader, int[] candidates, AnalyzedQuery query, Province? province)
    {
        var prepared = _reranker.Prepare(query);
        var scored = new List<(int Row, RankFeatures Features)>(candidates.Length);
        var rows = MultiDocValues.GetNumericValues(reader, SearchIndex.Row);
        foreach (var doc in candidates)
        {
            var row = (int)rows.Get(doc);
            var procedure = _procedures[row];
            var prior = _citizenPriors[row] + (province is not null && procedure.ProvinceUrls.ContainsKey(province.Id) ? RankingWeights.Tuned.ProvinceLinkPrior : 0);
            scored.Add((row, _reranker.Score(prepared, _profiles[row], prior)));
        }
        scored.Sort(static (a, b) => a.Features.Score != b.Features.Score ? b.Features.Score.CompareTo(a.Features.Score) : a.Row.CompareTo(b.Row));
        var variantsSeen = new HashSet<string>(StringComparer.Ordinal);
        var ranked = new List<(int Row, RankFeatures Features)>(scored.Count);
        foreach (var candidate in scored)
            if (variantsSeen.Add(_variantKeys[candidate.Row])) ranked.Add(candidate);
        return ranked;
    }

    /// <summary>
    /// Which terms each document's name, field, body and accented name words hold (index = doc id): the postings
    /// turned around, so a question's candidates are scored without reading the index again. On every core: at
    /// 100,000 procedures this is several seconds of a host's start (38 million body postings).
    /// </summary>
    sealed record IndexedSets(TermSet[] Body, TermSet[] Name, TermSet[] Field, TermSet[] Accented)
    {
        public static IndexedSets Read(IndexReader reader, TermIds ids)
        {
            // One field after the other, so terms are numbered in the same order at every open; the body first, whose terms
            // are then numbered in the order its postings are walked, so its sets (most of the postings) come out sorted.
            var body = TermSets(reader, SearchIndex.Body, ids);
            var name = TermSets(reader, SearchIndex.Name, ids);
            var field = TermSets(reader, SearchIndex.Field, ids);
            return new IndexedSets(body, name, field, TermSets(reader, SearchIndex.Accented, ids));
        }
    }

    /// <summary>
    /// Per folded word (a term without <see cref="Analysis.Filters.SyllableBigramFilter.Separator"/>), how many live
    /// documents hold it in name, field or body: the typo-correction vocabulary's document frequencies, counted from
    /// the sets read at open instead of indexed a second time as a field of their own. In the term dictionary's order
    /// (ordinal: the tokenizer keeps no surrogates), the order the vocabulary was read in when it was such a field.
    /// </summary>
    static Dictionary<string, int> WordFrequencies(IndexReader reader, IndexedSets sets, TermIds ids)
    {
        var isWord = new bool[ids.Count];
        for (var id = 0; id < isWord.Length; id++) isWord[id] = !ids.TermOf(id).Contains(Analysis.Filters.SyllableBigramFilter.Separator);
        var live = MultiFields.GetLiveDocs(reader);
        var parts = ParallelOptions.MaxDegreeOfParallelism;
        var perPart = (reader.MaxDoc + parts - 1) / parts;
        var counts = new int[parts][];
        Parallel.For(0, parts, ParallelOptions, part =>
        {
            var count = counts[part] = new int[isWord.Length];
            for (var doc = part * perPart; doc < Math.Min(reader.MaxDoc, (part + 1) * perPart); doc++)
            {
                if (live is not null && !live.Get(doc)) continue;
                // A word in several of the three sets counts once.
                TermSet body = sets.Body[doc], name = sets.Name[doc];
                foreach (var id in body.Ids) if (isWord[id]) count[id]++;
                foreach (var id in name.Ids) if (isWord[id] && !body.Contains(id)) count[id]++;
                foreach (var id in sets.Field[doc].Ids) if (isWord[id] && !body.Contains(id) && !name.Contains(id)) count[id]++;
            }
        });
        var words = new List<(string Word, int Count)>();
        for (var id = 0; id < isWord.Length; id++)
        {
            var total = 0;
            foreach (var count in counts) total += count[id];
            if (total > 0) words.Add((ids.TermOf(id), total));
        }
        words.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word));
        var frequencies = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        foreach (var (word, count) in words) frequencies.Add(word, count);
        return frequencies;
    }

    /// <summary>
    /// Prepares every procedure once (index = row): its titles (the title and field doc values: a title's weights and
    /// variant markers do not depend on the question) and its term <paramref name="sets"/>.
    /// </summary>
    static DocumentProfile[] Profiles(IndexReader reader, IndexedSets sets, Reranker reranker, TermIds ids)
    {
        var profiles = new DocumentProfile[reader.MaxDoc];
        // Doc values are read through one instance per thread (an instance is not thread-safe; a segment gives each thread its own).
        Parallel.For(0, reader.MaxDoc, ParallelOptions, () => new DocValueReaders(reader), (doc, _, values) =>
        {
            values.Titles.Get(doc, values.Value);
            var row = new FeatureRow("", sets.Name[doc], SearchIndex.DecodeTitles(values.Value, ids), sets.Field[doc], sets.Body[doc], sets.Accented[doc]);
            values.Fields.Get(doc, values.Value);
            profiles[values.Rows.Get(doc)] = reranker.Profile(row, SearchIndex.DecodeTitles(values.Value, ids).SingleOrDefault() ?? []);
            return values;
        }, _ => { });
        return profiles;
    }

    static readonly ParallelOptions ParallelOptions = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    sealed class DocValueReaders(IndexReader reader)
    {
        public readonly NumericDocValues Rows = MultiDocValues.GetNumericValues(reader, SearchIndex.Row);
        public readonly BinaryDocValues Titles = MultiDocValues.GetBinaryValues(reader, SearchIndex.Titles);
        public readonly BinaryDocValues Fields = MultiDocValues.GetBinaryValues(reader, SearchIndex.FieldTerms);
        public readonly BytesRef Value = new();
    }

    /// <summary>For each term id, the documents (ascending) whose name or field set holds it, each document once.</summary>
    static int[][] NameOrField(TermSet[] inName, TermSet[] inField, int termCount)
    {
        // Two passes, counting then filling, as in TermSets; documents in id order keep every list sorted.
        var counts = new int[termCount];
        for (var doc = 0; doc < inName.Length; doc++) EachInEither(inName[doc].Ids, inField[doc].Ids, id => counts[id]++);
        var postings = counts.Select(n => n == 0 ? [] : new int[n]).ToArray();
        Array.Clear(counts);
        for (var doc = 0; doc < inName.Length; doc++)
        {
            var d = doc;
            EachInEither(inName[doc].Ids, inField[doc].Ids, id => postings[id][counts[id]++] = d);
        }
        return postings;
    }

    /// <summary>Each id of two sorted id sets, an id in both once.</summary>
    static void EachInEither(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Action<int> each)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || i < a.Length && a[i] < b[j]) each(a[i++]);
            else if (i == a.Length || b[j] < a[i]) each(b[j++]);
            else { each(a[i++]); j++; }
        }
    }

    /// <summary>Each document's terms in <paramref name="field"/> (index = doc id), numbered in <paramref name="ids"/>.</summary>
    static TermSet[] TermSets(IndexReader reader, string field, TermIds ids)
    {
        var sets = new TermSet[reader.MaxDoc];
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            Array.Fill(sets, None);
            return sets;
        }
        // The terms are numbered in one walk of the term dictionary, in its order (which fixes the numbering); then
        // each core walks every term's postings for a range of documents of its own.
        var numbered = new List<int>();
        var walk = terms.GetEnumerator();
        while (walk.MoveNext()) numbered.Add(ids.GetOrAdd(walk.Term.Utf8ToString()));
        var termIds = numbered.ToArray();
        var sorted = IsAscending(termIds);
        var parts = ParallelOptions.MaxDegreeOfParallelism;
        var perPart = (reader.MaxDoc + parts - 1) / parts;

        // Two passes, counting then filling, so each document's set is allocated once at its size.
        var counts = new int[reader.MaxDoc];
        var held = new int[reader.MaxDoc][];
        Parallel.For(0, parts, ParallelOptions, part =>
        {
            int from = part * perPart, to = Math.Min(reader.MaxDoc, from + perPart);
            if (from >= to) return;
            WalkPostings(terms, termIds, from, to, counts, null);
            for (var doc = from; doc < to; doc++)
            {
                held[doc] = counts[doc] == 0 ? [] : new int[counts[doc]];
                counts[doc] = 0;
            }
            WalkPostings(terms, termIds, from, to, counts, held);
            for (var doc = from; doc < to; doc++)
            {
                if (held[doc].Length == 0) sets[doc] = None;
                else
                {
                    if (!sorted) Array.Sort(held[doc]);
                    sets[doc] = new TermSet(held[doc]);
                }
            }
        });
        return sets;
    }

    static bool IsAscending(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] <= values[i - 1]) return false;
        return true;
    }

    /// <summary>
    /// Walks the postings of every term (numbered <paramref name="termIds"/>, in the dictionary's order) for the
    /// documents from <paramref name="from"/> to <paramref name="to"/>: counts each document's terms, or with
    /// <paramref name="held"/>, puts each term's id in the document's set at the count so far.
    /// </summary>
    static void WalkPostings(Terms terms, int[] termIds, int from, int to, int[] counts, int[][]? held)
    {
        var walk = terms.GetEnumerator();
        DocsEnum? postings = null;
        for (var index = 0; walk.MoveNext(); index++)
        {
            postings = walk.Docs(null, postings, DocsFlags.NONE);
            // NO_MORE_DOCS is int.MaxValue: past any range.
            for (var doc = from == 0 ? postings.NextDoc() : postings.Advance(from); doc < to; doc = postings.NextDoc())
                if (held is null) counts[doc]++;
                else held[doc][counts[doc]++] = termIds[index];
        }
    }

    static readonly TermSet None = new([]);

    /// <summary>How the question was understood: each concept with its alternatives and weight (for tuning and support).</summary>
    public IReadOnlyList<string> ExplainQuery(string text)
    {
        var query = _analyzer.AnalyzeQuery(text, Vocabulary);
        return query.Concepts
            .Zip(_reranker.Prepare(query).Concepts,
                (c, p) => $"{p.Weight:0.00} " + string.Join(" | ", c.Alternatives.Select(a => string.Join(' ', a))))
            .ToList();
    }

    /// <summary>
    /// Lucene's own account of why each procedure was retrieved, by code: its <see cref="IndexSearcher.Explain"/>, to
    /// the level of each matching field and term's BM25 weight (the full tree repeats idf and length norms per term).
    /// </summary>
    public IReadOnlyDictionary<string, string> ExplainRetrieval(string text, IEnumerable<string> codes)
    {
        var retrieval = RetrievalQuery(RetrievalTerms(_analyzer.AnalyzeQuery(text, Vocabulary)));
        var searcher = _searchers.Acquire();
        try
        {
            var explained = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var code in codes)
                if (searcher.Search(new TermQuery(new Term(SearchIndex.Code, code)), 1).ScoreDocs is [var doc, ..])
                    explained[code] = retrieval is null ? "not retrieved: the question has no terms" : Summary(searcher.Explain(retrieval, doc.Doc));
            return explained;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    static string Summary(Explanation explanation)
    {
        static string Line(Explanation e, int depth) =>
            new string(' ', 2 * depth) + FormattableString.Invariant($"{e.Value:0.###} = {e.Description.Replace(", result of:", "").Replace("(MATCH) ", "")}");
        var lines = new List<string> { Line(explanation, 0) };
        foreach (var detail in explanation.GetDetails() ?? [])
        {
            lines.Add(Line(detail, 1));
            if (detail.Description.Contains("sum of")) // a long question's nested part
                lines.AddRange((detail.GetDetails() ?? []).Select(d => Line(d, 2)));
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Small tie-breakers from who the procedure is for, fixed per procedure so they are computed once: citizens ask
    /// CitizenBot, so a procedure open to citizens beats an otherwise equal one for officials or agencies; among level
    /// variants, the one done at the commune or province is the one a citizen uses.
    /// </summary>
    static double CitizenPrior(Procedure procedure)
    {
        var bonus = 0.0;
        if (procedure.Applicants is { } who && CitizenApplicants.Any(c => who.Contains(c, StringComparison.OrdinalIgnoreCase))) bonus += RankingWeights.Tuned.CitizenApplicantPrior;
        if (procedure.Levels.Any(l => l is "Cấp xã" or "Cấp tỉnh")) bonus += RankingWeights.Tuned.CitizenLevelPrior;
        return bonus;
    }

    static readonly string[] CitizenApplicants = ["Công dân", "Cá nhân", "Hộ gia đình", "Người Việt Nam định cư"];

    /// <summary>Candidate documents, in doc id order.</summary>
    /// <param name="byLucene">Always by Lucene's retrieval query (for the test that the two ways agree).</param>
    int[] Candidates(IndexSearcher searcher, AnalyzedQuery query, bool byLucene = false)
    {
        var terms = RetrievalTerms(query);
        if (!byLucene && _nameOrField is { } postings && Matches(postings, terms, searcher.IndexReader.MaxDoc) is { } matches) return matches;
        if (RetrievalQuery(terms) is not { } retrieval) return [];
        // Usually every match is reranked: no good answer is cut off by BM25 order. Only when a question matches very
        // many procedures (large catalogues) does BM25 choose the few.
        var all = new DocIdCollector(MaxUnrankedCandidates + 1);
        searcher.Search(retrieval, all);
        var docs = all.Count <= MaxUnrankedCandidates ? all.Docs : searcher.Search(retrieval, CandidateLimit).ScoreDocs.Select(d => d.Doc).ToList();
        docs.Sort();
        return docs.ToArray();
    }

    /// <summary>The name, field, body and accented-word term sets read at open for the procedure at <paramref name="row"/>, and a term's id in them.</summary>
    internal (FeatureRow Sets, Func<string, int> IdOf) TermSetsOf(int row) => (_profiles[row].Row, _indexTerms.Find);

    /// <summary>Whether candidates come from <see cref="_nameOrField"/> (false: the index has deletions).</summary>
    internal bool RetrievesInMemory => _nameOrField is not null;

    /// <summary>A question's candidate documents from the in-memory lists and by Lucene's retrieval query.</summary>
    internal (int[] InMemory, int[] ByLucene) CandidatesBothWays(string text)
    {
        var query = _analyzer.AnalyzeQuery(text, Vocabulary);
        var searcher = _searchers.Acquire();
        try
        {
            return (Candidates(searcher, query), Candidates(searcher, query, byLucene: true));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The documents the retrieval query (<see cref="RetrievalQuery"/>) matches, ascending, read from
    /// <see cref="_nameOrField"/>; null when there are more than <see cref="MaxUnrankedCandidates"/> (then BM25 chooses).
    /// </summary>
    int[]? Matches(int[][] postings, List<string> terms, int maxDoc)
    {
        var seen = new ulong[(maxDoc + 63) >> 6];
        var count = 0;
        foreach (var term in terms)
        {
            var id = _indexTerms.Find(term);
            if (id < 0 || id >= postings.Length) continue;
            // Past the limit the union is not needed (BM25 chooses): stop as soon as it is certain (a large catalogue's
            // broad question would otherwise unite long lists before Lucene's query runs anyway).
            if (postings[id].Length > MaxUnrankedCandidates) return null;
            foreach (var doc in postings[id])
            {
                ref var word = ref seen[doc >> 6];
                var bit = 1UL << (doc & 63);
                if ((word & bit) != 0) continue;
                word |= bit;
                count++;
            }
            if (count > MaxUnrankedCandidates) return null;
        }
        var docs = new int[count];
        var n = 0;
        for (var w = 0; w < seen.Length; w++)
            for (var bits = seen[w]; bits != 0; bits &= bits - 1)
                docs[n++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
        return docs;
    }

    /// <summary>
    /// Words in many names ("đăng", "ký", "cấp") find everything and only slow ranking down: retrieve by the selective
    /// ones when there are any (the reranker still weighs every word).
    /// </summary>
    List<string> RetrievalTerms(AnalyzedQuery query)
    {
        var terms = query.RetrievalTerms().ToList();
        var selective = terms.Where(t => Vocabulary.NameFrequency(t) <= _selectiveNameFrequency).ToList();
        return WithoutRedundantPairs(selective.Count > 0 ? selective : terms);
    }

    /// <summary>
    /// A name holding "khai_sinh" holds "khai" and "sinh": a word pair one of whose words is already a retrieval term
    /// finds nothing more, and each term costs a look-up. Pairs of words too common to retrieve by stay.
    /// </summary>
    internal static List<string> WithoutRedundantPairs(IReadOnlyCollection<string> terms)
    {
        var words = terms.Where(t => !t.Contains('_')).ToHashSet(StringComparer.Ordinal);
        return terms.Where(t => t.IndexOf('_') is not (var at and >= 0) || !words.Contains(t[..at]) && !words.Contains(t[(at + 1)..])).ToList();
    }

    /// <summary>
    /// Each term in name (boost <see cref="SearchIndex.NameBoost"/>) or field (<see cref="SearchIndex.FieldBoost"/>),
    /// any of them: built from terms, never parsed, so a user's text can never become Lucene query syntax. Null when
    /// there are no terms.
    /// </summary>
    internal static Query? RetrievalQuery(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return null;
        var parts = terms.Chunk(TermsPerQuery).Select(chunk =>
        {
            var part = new BooleanQuery(disableCoord: true);
            foreach (var term in chunk)
            {
                part.Add(new TermQuery(new Term(SearchIndex.Name, term)) { Boost = SearchIndex.NameBoost }, Occur.SHOULD);
                part.Add(new TermQuery(new Term(SearchIndex.Field, term)) { Boost = SearchIndex.FieldBoost }, Occur.SHOULD);
            }
            return part;
        }).ToList();
        if (parts.Count == 1) return parts[0];
        var whole = new BooleanQuery(disableCoord: true);
        foreach (var part in parts) whole.Add(part, Occur.SHOULD);
        return whole;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _directory.Dispose();
    }

    /// <summary>Collects matching doc ids (global) up to a limit, counting the rest.</summary>
    sealed class DocIdCollector(int limit) : ICollector
    {
        int _docBase;
        public List<int> Docs { get; } = [];
        public int Count { get; private set; }
        /// <summary>
        /// False: in doc id order Lucene scores a disjunction with BooleanScorer2; out of order it would use
        /// BooleanScorer, which allocates a table of 2,048 buckets per search (a tenth of a turn's allocations).
        /// </summary>
        public bool AcceptsDocsOutOfOrder => false;
        public void SetScorer(Scorer scorer) { }
        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            if (++Count <= limit) Docs.Add(_docBase + doc);
        }
    }
}
