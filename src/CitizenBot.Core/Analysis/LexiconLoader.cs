using System.Security.Cryptography;
using System.Text;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Reads index-data/analysis/{stopwords,abbreviations,synonyms}.txt. Lines starting with '#' are comments.
/// stopwords.txt: one word or phrase a line. abbreviations.txt: "dk => đăng ký". synonyms.txt (Solr format):
/// "sổ đỏ, giấy chứng nhận quyền sử dụng đất" (equivalent) or "passport => hộ chiếu" (one-way).
/// A malformed line stops loading with the file, line and reason.
/// </summary>
public static class LexiconLoader
{
    public static Lexicon Load(string folder)
    {
        var errors = new List<CatalogueError>();
        var hash = new StringBuilder();
        var stopWords = new HashSet<string>(StringComparer.Ordinal);
        var stopPhrases = new List<string[]>();
        foreach (var (line, _) in ReadLines(Path.Combine(folder, "stopwords.txt"), hash))
        {
            var words = Words(Key(line));
            if (words.Length == 1) stopWords.Add(words[0]);
            else stopPhrases.Add(words);
        }

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
            abbreviations[Key(parts[0])] = Words(VietnameseText.Normalize(parts[1]).ToLowerInvariant());
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

        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return new Lexicon(stopWords, stopPhrases, abbreviations, synonyms)
        {
            Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..16],
        };
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

    static List<string[]> Phrases(string list) =>
        list.Split(',').Select(p => Words(Key(p))).Where(w => w.Length > 0).ToList();

    static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static string Key(string text) => VietnameseText.Fold(VietnameseText.Normalize(text).Trim().ToLowerInvariant());
}
