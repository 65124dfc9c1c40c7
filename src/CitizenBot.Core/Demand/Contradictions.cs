using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Demand;

/// <summary>
/// What keeps two needs on one topic apart when grouping unmet questions (<see cref="QuestionClusterer.Cluster{T}"/>):
/// requests that exclude each other ("hoãn" / "miễn" military service, "cấp lại" / "cấp đổi" a paper, "tra cứu" /
/// "nộp phạt" a fine) and different numbers after the same head word ("lớp 1" / "lớp 10", "hạng A1" / "hạng B2"). Two
/// questions that name different requests of one line and none in common, or different numbers after one head word,
/// are never put in one group; nor are two groups holding such a pair. Read from
/// <c>index-data/demand/contradictions.txt</c>; compared on folded words, like the rest of grouping.
/// </summary>
public sealed class Contradictions
{
    public static Contradictions None { get; } = new([], [], new HashSet<string>(StringComparer.Ordinal), []);

    // Spellings are matched as the lexicon's lists are (WordList, folded words). Per line of requests: each request's
    // spellings, and the first words of all of them (only a word that starts one is looked at).
    readonly IReadOnlyList<(WordList[] Requests, HashSet<string> Starts)> _lines;
    readonly WordList _neutral;
    readonly HashSet<string> _numbered;
    readonly (WordList[] Spellings, string[] Digits, HashSet<string> Starts) _numberWords;

    Contradictions(IReadOnlyList<string[][][]> lines, IEnumerable<string[]> neutral, HashSet<string> numbered,
        IReadOnlyList<(string[] Words, string Digits)> numberWords)
    {
        _lines = lines.Select(requests => (requests.Select(ListOf).ToArray(), StartsOf(requests.SelectMany(r => r)))).ToList();
        _neutral = ListOf(neutral);
        _numbered = numbered;
        var byDigits = numberWords.GroupBy(n => n.Digits, StringComparer.Ordinal).ToList();
        _numberWords = (byDigits.Select(g => ListOf(g.Select(n => n.Words))).ToArray(), byDigits.Select(g => g.Key).ToArray(), StartsOf(numberWords.Select(n => n.Words)));
    }

    static WordList ListOf(IEnumerable<string[]> spellings) => StoryWords.ListOf(spellings.Select(s => string.Join(' ', s)));

    static HashSet<string> StartsOf(IEnumerable<string[]> spellings) => spellings.Select(s => s[0]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The longest spelling of a list at a word (its number of words), 0 when none starts there.</summary>
    static int LengthAt(WordList list, IReadOnlyList<string> tokens, int i) =>
        Math.Max(list.LongestPhraseAt(tokens, i), list.Contains(tokens[i], EmptyVocabulary.Instance) ? 1 : 0);

    /// <summary>Which list has the longest spelling at a word, and its length (−1 and 0 when none).</summary>
    static (int List, int Length) LongestAt(WordList[] lists, IReadOnlyList<string> tokens, int i)
    {
        var (best, length) = (-1, 0);
        for (var l = 0; l < lists.Length; l++)
            if (LengthAt(lists[l], tokens, i) is var found && found > length) (best, length) = (l, found);
        return (best, length);
    }

    /// <summary>The file grouping reads, beside abbreviations.txt.</summary>
    public const string FileName = "contradictions.txt";

    /// <summary>
    /// Reads a contradictions file (sections <c>[requests]</c>, <c>[neutral]</c>, <c>[numbered]</c>, <c>[numbers]</c>);
    /// none when it is missing. A malformed line stops loading with the file, line and reason.
    /// </summary>
    public static Contradictions Load(string file)
    {
        if (!File.Exists(file)) return None;
        var errors = new List<CatalogueError>();
        var lines = new List<string[][][]>();
        var neutral = new List<string[]>();
        var numbered = new HashSet<string>(StringComparer.Ordinal);
        var numberWords = new List<(string[] Words, string Digits)>();
        string? section = null;
        foreach (var (number, line, name) in SectionedText.Read(file))
        {
            void Error(string message) => errors.Add(new CatalogueError(file, $"line {number}", "", message));
            if (name is not null)
            {
                section = name;
                if (section is not (Requests or Neutral or Numbered or Numbers)) Error($"unknown section [{name}]");
                continue;
            }
            switch (section)
            {
                case Requests:
                    var requests = line.Split('|').Select(r => r.Split(',').Select(QuestionClusterer.Tokens).ToArray()).ToArray();
                    var spellings = requests.SelectMany(r => r).Select(s => string.Join(' ', s)).ToList();
                    if (requests.Length < 2 || requests.Any(r => r.Any(s => s.Length == 0)))
                        Error("expected two or more requests \"a, a' | b | …\", each spelled with words");
                    else if (spellings.Distinct(StringComparer.Ordinal).Count() < spellings.Count)
                        Error("a spelling is written twice in the line");
                    else lines.Add(requests);
                    break;
                case Neutral:
                    if (QuestionClusterer.Tokens(line) is { Length: > 0 } words) neutral.Add(words);
                    else Error("expected a phrase of words");
                    break;
                case Numbered:
                    if (QuestionClusterer.Tokens(line) is [var head] && !head.Any(char.IsDigit)) numbered.Add(head);
                    else Error("expected one word without digits");
                    break;
                case Numbers:
                    var parts = line.Split("=>");
                    var spelled = parts.Length == 2 ? QuestionClusterer.Tokens(parts[0]) : [];
                    var digits = parts.Length == 2 ? parts[1].Trim() : "";
                    if (spelled.Length == 0 || digits.Length == 0 || !digits.All(char.IsAsciiDigit))
                        Error("expected \"number words => digits\"");
                    else numberWords.Add((spelled, digits));
                    break;
                default:
                    Error("a line before any section");
                    break;
            }
        }
        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return new(lines, neutral, numbered, numberWords);
    }

    const string Requests = "requests", Neutral = "neutral", Numbered = "numbered", Numbers = "numbers";

    /// <summary>
    /// What a question (its folded words in order) names that can contradict another: per line of requests, the
    /// requests it names (the longest spelling at a word, each word read once; words of a neutral phrase such as
    /// "miễn phí" name none); per numbered head word, the numbers written after it ("lớp 1", "lớp một" → 1; not after a
    /// neutral phrase such as "học lớp": the class a child is in now, not the one asked for). Keys are "#line" and the head word.
    /// </summary>
    public IReadOnlyList<(string Key, string[] Values)> Named(IReadOnlyList<string> tokens)
    {
        if (_lines.Count == 0 && _numbered.Count == 0) return [];
        var neutral = _neutral.MatchedIndexes(tokens, EmptyVocabulary.Instance);
        List<(string, string[])> named = [];
        for (var line = 0; line < _lines.Count; line++)
        {
            var (requests, starts) = _lines[line];
            bool[]? read = null; // the words read, made when a word starts a spelling (most questions name nothing)
            SortedSet<int>? requestsNamed = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                if ((read ?? neutral)[i] || !starts.Contains(tokens[i])) continue;
                var (request, length) = LongestAt(requests, tokens, i);
                if (length == 0) continue;
                read ??= (bool[])neutral.Clone();
                if (Array.IndexOf(read, true, i, length) >= 0) continue;
                (requestsNamed ??= []).Add(request);
                Array.Fill(read, true, i, length);
            }
            if (requestsNamed is not null) named.Add(("#" + line, requestsNamed.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        }
        SortedDictionary<string, SortedSet<string>>? numbers = null;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (neutral[i] || !_numbered.Contains(tokens[i])) continue;
            var next = tokens[i + 1];
            var value = next.Any(char.IsAsciiDigit) ? next
                : _numberWords.Starts.Contains(next) && LongestAt(_numberWords.Spellings, tokens, i + 1) is ( >= 0 and var spelled, _) ? _numberWords.Digits[spelled]
                : null;
            if (value is null) continue;
            numbers ??= new(StringComparer.Ordinal);
            (numbers.TryGetValue(tokens[i], out var set) ? set : numbers[tokens[i]] = new(StringComparer.Ordinal)).Add(value);
        }
        if (numbers is not null) named.AddRange(numbers.Select(p => (p.Key, p.Value.ToArray())));
        return named;
    }

    /// <summary>
    /// What a group of questions names (<see cref="Named"/>), to tell whether two groups may merge: per key, the
    /// distinct value sets of its questions. Two groups contradict when, for one key, a value set of one shares no value
    /// with a value set of the other (one question of each names different requests of a line and none in common).
    /// </summary>
    internal sealed class Group
    {
        readonly Dictionary<string, List<string[]>> _sets = new(StringComparer.Ordinal);

        /// <summary>The group of one question; null when it names nothing (most questions), which contradicts nothing.</summary>
        public static Group? Of(IReadOnlyList<(string Key, string[] Values)> named)
        {
            if (named.Count == 0) return null;
            var group = new Group();
            foreach (var (key, values) in named) group._sets[key] = [values];
            return group;
        }

        public bool Contradicts(Group other)
        {
            foreach (var (key, sets) in _sets)
                if (other._sets.TryGetValue(key, out var others))
                    foreach (var set in sets)
                        foreach (var otherSet in others)
                            if (!set.Intersect(otherSet, StringComparer.Ordinal).Any()) return true;
            return false;
        }

        /// <summary>Takes in what another group names (the two do not contradict).</summary>
        public void Add(Group other)
        {
            foreach (var (key, sets) in other._sets)
            {
                if (!_sets.TryGetValue(key, out var mine)) _sets[key] = mine = [];
                foreach (var set in sets)
                    if (!mine.Any(m => m.SequenceEqual(set, StringComparer.Ordinal))) mine.Add(set);
            }
        }
    }
}
