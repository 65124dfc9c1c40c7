using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Reads index-data/analysis/{stopwords,weakwords,reasons,modifiers,outofscope,gaps,abbreviations,synonyms}.txt. Lines starting with '#' are comments.
/// stopwords.txt, weakwords.txt, reasons.txt and outofscope.txt: one word or phrase a line. abbreviations.txt: "dk => đăng ký". synonyms.txt (Solr format):
/// "sổ đỏ, giấy chứng nhận quyền sử dụng đất" (equivalent) or "passport => hộ chiếu" (one-way). ages.txt (required): the
/// words of a stated age in sections (<see cref="AgeWords"/>), those of the lexicon's <see cref="Lexicon.StatedAge"/>;
/// not part of the fingerprint, since the index does not hold them.
/// A malformed line, or a missing ages.txt, stops loading with the file, line and reason.
/// </summary>
public static class LexiconLoader
{
    public static Lexicon Load(string folder)
    {
        var errors = new List<CatalogueError>();
        var hash = new StringBuilder();
        var stops = ReadWordList(Path.Combine(folder, "stopwords.txt"), hash);
        var weakWords = ReadWordList(Path.Combine(folder, "weakwords.txt"), hash);

        var abbreviations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var abbreviationsFile = Path.Combine(folder, "abbreviations.txt");
        foreach (var (line, number) in ReadLines(abbreviationsFile, hash))
        {
            var parts = line.Split("=>");
            if (parts.Length != 2 || Words(parts[0]).Length != 1 || Words(parts[1]).Length == 0)
            {
                errors.Add(new CatalogueError(abbreviationsFile, $"line {number}", "", "expected \"word => replacement words\""));
                continue;
            }
            abbreviations[LexiconWord.From(parts[0]).Written] = Words(VietnameseText.Normalize(parts[1]).ToLowerInvariant());
        }

        var synonyms = new List<SynonymRule>();
        var synonymsFile = Path.Combine(folder, "synonyms.txt");
        foreach (var (line, number) in ReadLines(synonymsFile, hash))
        {
            var oneWay = line.Split("=>");
            if (oneWay.Length > 2) { errors.Add(new CatalogueError(synonymsFile, $"line {number}", "", "more than one '=>'")); continue; }
            var left = Phrases(oneWay[0]);
            var right = oneWay.Length == 2 ? Phrases(oneWay[1]) : left;
            if (left.Count == 0 || right.Count == 0 || oneWay.Length == 1 && left.Count < 2)
            {
                errors.Add(new CatalogueError(synonymsFile, $"line {number}", "", "expected \"a, b, c\" or \"a => b\" with non-empty phrases"));
                continue;
            }
            synonyms.Add(new SynonymRule(left, right, $"{Path.GetFileName(synonymsFile)}:{number}"));
        }

        var ages = AgeWords.Load(Path.Combine(folder, AgeWords.FileName), errors);
        var gaps = ReadGaps(Path.Combine(folder, KnownGap.FileName), errors);

        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        var places = PlaceNames(Path.Combine(folder, "..", "provinces.json"), hash);
        var modifiers = ReadWordList(Path.Combine(folder, "modifiers.txt"), hash);
        return new Lexicon(stops, weakWords, abbreviations, synonyms)
        {
            ReasonMarkers = ReadWordList(Path.Combine(folder, "reasons.txt"), hash),
            OutOfScope = ReadWordList(Path.Combine(folder, "outofscope.txt"), hash),
            KnownGaps = gaps,
            Modifiers = modifiers.Phrases.Select(p => p.Select(w => w.Folded).ToArray())
                .Concat(modifiers.Words.Select(w => new[] { w.Folded })).ToList(),
            PlaceNames = places,
            StatedAge = new StatedAge(ages),
            Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..16],
        };
    }

    /// <summary>
    /// The names a citizen may use for a province (index-data/provinces.json beside this folder): today's name
    /// without "Thành phố"/"Tỉnh", former names and aliases. Two-letter aliases ("HP") are left out: in a question
    /// they are as likely another abbreviation.
    /// </summary>
    static IReadOnlyList<string> PlaceNames(string provincesFile, StringBuilder hash)
    {
        if (!File.Exists(provincesFile)) return [];
        var names = IndexDataLoader.LoadProvinces(provincesFile)
            .SelectMany(p => new[] { p.Name, Regex.Replace(p.Name, "^(Thành phố|Tỉnh) ", "") }.Concat(p.FormerNames).Concat(p.Aliases))
            .Where(n => n.Trim().Length > 2)
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names) hash.Append(name).Append('\n');
        return names;
    }

    static WordList ReadWordList(string path, StringBuilder hash)
    {
        var words = new List<LexiconWord>();
        var phrases = new List<LexiconWord[]>();
        foreach (var (line, _) in ReadLines(path, hash)) AddEntry(line, words, phrases);
        return new WordList(words, phrases);
    }

    /// <summary>One line of a word list: a word, or a phrase of several.</summary>
    static void AddEntry(string line, List<LexiconWord> words, List<LexiconWord[]> phrases)
    {
        var entry = Words(line).Select(LexiconWord.From).ToArray();
        if (entry.Length == 1) words.Add(entry[0]);
        else phrases.Add(entry);
    }

    /// <summary>
    /// gaps.txt: "[where to ask]" lines, each followed by the phrases of the needs asked there. Not part of the
    /// fingerprint: the index does not hold them.
    /// </summary>
    static IReadOnlyList<KnownGap> ReadGaps(string path, List<CatalogueError> errors)
    {
        var gaps = new List<KnownGap>();
        string? askWhere = null;
        List<LexiconWord> words = [];
        List<LexiconWord[]> phrases = [];
        void Close()
        {
            if (askWhere is not null) gaps.Add(new KnownGap(askWhere, new WordList(words, phrases)));
            words = [];
            phrases = [];
        }
        if (!File.Exists(path)) return gaps;
        foreach (var (number, line, section) in SectionedText.Read(path))
        {
            if (section is not null)
            {
                Close();
                askWhere = section.Length > 0 ? section : null;
                if (askWhere is null) errors.Add(new CatalogueError(path, $"line {number}", "", "expected \"[where to ask]\" with a non-empty name"));
            }
            else if (askWhere is null) errors.Add(new CatalogueError(path, $"line {number}", "", "a phrase before any \"[where to ask]\" line"));
            else AddEntry(line, words, phrases);
        }
        Close();
        return gaps;
    }

    static IEnumerable<(string Line, int Number)> ReadLines(string path, StringBuilder hash)
    {
        if (!File.Exists(path)) yield break;
        var number = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            hash.Append(raw).Append('\n');
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return (line, number);
        }
    }

    static List<LexiconWord[]> Phrases(string list) =>
        list.Split(',').Select(p => Words(p).Select(LexiconWord.From).ToArray()).Where(w => w.Length > 0).ToList();

    static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
