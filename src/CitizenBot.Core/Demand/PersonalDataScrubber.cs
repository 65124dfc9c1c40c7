using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Removes personal data from a citizen's question before anything keeps it: e-mail addresses, Vietnamese licence
/// plates (29A-123.45, 51F1-234.56), phone numbers (0912 345 678, +84 912.345.678), 12- and 9-digit identity numbers
/// (CCCD/CMND), other long numbers, and names ("tên tôi là …", "tôi tên …", "em là Hoa", "chị Lan", "Nguyễn Văn An").
/// Each is replaced by a placeholder, so the question still reads as a need ("tên tôi là [TÊN], cho hỏi …").
/// It errs on the side of removing too much: a demand report loses little by a missing word, a citizen a lot by a
/// kept phone number.
/// </summary>
public sealed class PersonalDataScrubber
{
    public const string Phone = "[SĐT]";
    public const string IdNumber = "[SỐ ĐỊNH DANH]";
    public const string Email = "[EMAIL]";
    public const string Plate = "[BIỂN SỐ]";
    public const string Name = "[TÊN]";
    public const string Number = "[SỐ]";

    /// <summary>Placeholders in the order the patterns run: e-mail before numbers (digits in addresses), plates before phones.</summary>
    static readonly (Regex Pattern, string Placeholder)[] Patterns =
    [
        (new(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+", RegexOptions.CultureInvariant), Email),
        // 29A-123.45 · 51F1-234.56 · 30E12345 · 59-X1 234.56 · 29A-1234 (older four-digit plates).
        (new(@"(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Za-z]{1,2}\d?\s?[-.\s]?\s?(?:\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}])", RegexOptions.CultureInvariant), Plate),
        // Mobile 0 + 9 digits, landline 0 + 10, or +84/84 instead of the 0; any spaces, dots or dashes between digits.
        (new(@"(?<![\p{L}\p{N}+])(?:\(?\+84\)?[\s.\-]?|(?<!\d)84[\s.\-]?|0)(?:\d[\s.\-]?){8,9}\d(?!\p{N})", RegexOptions.CultureInvariant), Phone),
        // CCCD (12 digits) and CMND (9 digits), plain or grouped by 3 or 4 with spaces or dots.
        (new(@"(?<![\p{L}\p{N}])(?:\d{12}|\d{9}|\d{3}([\s.])\d{3}\1\d{3}(?:\1\d{3})?|\d{4}([\s.])\d{4}\2\d{4})(?![\p{L}\p{N}])", RegexOptions.CultureInvariant), IdNumber),
        // Any other run of 8+ digits (tax code, social-insurance number, bank account): a procedure code (1.001193) has 7.
        (new(@"(?<![\p{L}\p{N}])\d(?:[.\-]?\d){7,}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant), Number),
    ];

    // Matched on the folded, lower-case copy of the text (same length as the original, see Fold).
    static readonly Regex StrongNameTrigger = new(
        @"(?<![a-z])(?:ho va ten|ho ten|ten (?:cua )?(?:toi|em|minh|tui|tao|con|chau|anh|chi|be|con toi|con em|con minh)(?: la)?|(?:toi|em|minh|tui|tao|con|chau|anh|chi|be) ten(?: la)?|ten la|ten goi la)(?![a-z])[\s:,\-]*",
        RegexOptions.CultureInvariant);
    static readonly Regex WeakNameTrigger = new(@"(?<![a-z])(?:toi|em|minh|tui) la(?![a-z])[\s:,\-]*", RegexOptions.CultureInvariant);
    static readonly Regex PlaceholderMask = new(@"\[(?:SĐT|SỐ ĐỊNH DANH|EMAIL|BIỂN SỐ|TÊN|SỐ)\]", RegexOptions.CultureInvariant);
    static readonly Regex Honorific = new(@"(?<![a-z])(?:anh|chi|co|chu|bac|ong|ba|em|chau|con|be)\s+", RegexOptions.CultureInvariant);

    /// <summary>Words that end a lower-case name after a strong trigger ("tên tôi là lan [muốn] hỏi").</summary>
    static readonly HashSet<string> NotNameWords = new(StringComparer.Ordinal)
    {
        "cho", "muon", "hoi", "can", "xin", "o", "sinh", "nam", "va", "dang", "lam", "thi", "la", "di", "co", "khong", "a", "nhe",
        "nha", "toi", "em", "nay", "hien", "que", "song", "tai", "so", "sdt", "dien", "thoai", "email", "cccd", "cmnd",
        "nhu", "de", "voi", "vay", "roi", "ma", "nhung", "vi", "tu", "den", "ve", "duoc", "bi", "hay", "nguoi", "tuoi", "hoc",
        "dia", "chi", "ngay", "thang", "cua", "ca", "da", "se", "phai", "nen", "giup", "oi", "day", "ne", "u", "vang", "da",
        "nho", "lay", "mat", "lai", "thu", "tuc", "giay", "lien", "he", "goi", "va", "kem", "dang", "ky",
    };

    static readonly string[] Surnames =
    [
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly",
        "dinh", "doan", "truong", "trinh", "luu", "quach", "luong", "vuong", "kieu", "trieu", "ta",
    ];
    static readonly HashSet<string> SurnameSet = new(Surnames, StringComparer.Ordinal);

    /// <summary>Words before a capitalised name that make it a place, not a person ("đường Lê Lợi", "tỉnh Hà Giang").</summary>
    static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "duong", "pho", "quan", "huyen", "xa", "phuong", "tinh", "tp", "thanh", "thi", "tran", "ap", "thon", "to", "khu", "cau",
        "cho", "truong", "benh", "vien", "cong", "vien", "ngo", "hem", "kiet",
    };

    readonly string[][] _protectedPlaces;

    /// <param name="protectedPlaces">Place names that look like person names ("Hồ Chí Minh", "Thái Bình"): the province
    /// names, former names and aliases of the catalogue. They are never replaced by [TÊN].</param>
    public PersonalDataScrubber(IEnumerable<string>? protectedPlaces = null)
    {
        _protectedPlaces = (protectedPlaces ?? [])
            .Select(p => Words(Fold(p.Normalize(NormalizationForm.FormC)).ToLowerInvariant()))
            .Where(w => w.Length > 0)
            .Distinct(new SequenceComparer())
            .OrderByDescending(w => w.Length)
            .ToArray();
    }

    /// <summary>The text with personal data replaced by placeholders, and what was replaced.</summary>
    public ScrubbedText Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return new ScrubbedText("", []);
        var found = new List<ScrubbedValue>();
        var current = text.Normalize(NormalizationForm.FormC);
        foreach (var (pattern, placeholder) in Patterns)
        {
            current = pattern.Replace(current, m =>
            {
                found.Add(new ScrubbedValue(placeholder, m.Value));
                return placeholder;
            });
        }
        current = ReplaceNames(current, found);
        return new ScrubbedText(current, found);
    }

    /// <summary>
    /// The search's normalized form of the same question, scrubbed: the patterns again, then every word run that was
    /// personal data in the question (the normalizer may have split "a@b.vn" into "a b vn" or dropped "tôi là").
    /// </summary>
    public string ScrubNormalized(string normalized, ScrubbedText question)
    {
        if (string.IsNullOrEmpty(normalized)) return "";
        var text = Scrub(normalized).Text;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var folded = tokens.Select(t => Fold(t).ToLowerInvariant()).ToList();
        // Whole runs first, longest first, so "nguyễn văn an" is replaced before a shorter value could split it.
        var values = question.Found
            .Select(v => (v.Placeholder, Run: AlphanumericWords(Fold(v.Value.Normalize(NormalizationForm.FormC)).ToLowerInvariant())))
            .Where(v => v.Run.Length > 0)
            .OrderByDescending(v => v.Run.Length)
            .ToList();
        foreach (var (placeholder, run) in values)
            for (var i = 0; i + run.Length <= folded.Count; i++)
            {
                if (!run.Select((w, k) => folded[i + k] == w).All(b => b)) continue;
                tokens.RemoveRange(i, run.Length);
                folded.RemoveRange(i, run.Length);
                tokens.Insert(i, placeholder);
                folded.Insert(i, placeholder);
            }
        // Then a value's distinctive pieces left on their own (a digit group, an e-mail's local part).
        foreach (var (placeholder, run) in values.Where(v => v.Placeholder != Name))
            for (var i = 0; i < folded.Count; i++)
                if (run.Contains(folded[i]) && (folded[i].Any(char.IsDigit) || placeholder == Email && folded[i].Length > 3))
                {
                    tokens[i] = placeholder;
                    folded[i] = placeholder;
                }
        var collapsed = new List<string>();
        foreach (var t in tokens)
            if (!(collapsed.Count > 0 && collapsed[^1] == t && t.StartsWith('[')))
                collapsed.Add(t);
        return string.Join(' ', collapsed);
    }

    string ReplaceNames(string original, List<ScrubbedValue> found)
    {
        // Detection runs on a copy where placeholders are masked ("[SỐ ĐỊNH DANH]" is not a name); replacement on the original.
        var text = PlaceholderMask.Replace(original, m => new string('#', m.Length));
        var spans = new List<(int Start, int End)>();
        var folded = Fold(text).ToLowerInvariant();
        foreach (Match m in StrongNameTrigger.Matches(folded))
            if (NameAfter(text, folded, m.Index + m.Length, allowLowerCase: true) is { } span) spans.Add(span);
        foreach (Match m in WeakNameTrigger.Matches(folded))
            if (NameAfter(text, folded, m.Index + m.Length, allowLowerCase: false) is { } span) spans.Add(span);
        foreach (Match m in Honorific.Matches(folded))
            if (!IsProtectedPlaceAt(folded, m.Index) && NameAfter(text, folded, m.Index + m.Length, allowLowerCase: false) is { } span)
                spans.Add(span);
        spans.AddRange(SurnameNames(text, folded));

        // A place name is never a person's, wherever the trigger was ("Hồ Chí Minh" after "chị"-like "Chí").
        var places = ProtectedSpans(folded);
        spans.RemoveAll(s => places.Any(p => s.Start < p.End && p.Start < s.End));

        // Merge overlapping spans, then replace from the end so earlier indices stay valid.
        var merged = new List<(int Start, int End)>();
        foreach (var s in spans.OrderBy(s => s.Start))
            if (merged.Count > 0 && s.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            else merged.Add(s);
        var builder = new StringBuilder(original);
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end) = merged[i];
            found.Add(new ScrubbedValue(Name, original[start..end]));
            builder.Remove(start, end - start).Insert(start, Name);
        }
        return builder.ToString();
    }

    /// <summary>Up to five name words right after a trigger; null when none (or when they are a protected place).</summary>
    (int Start, int End)? NameAfter(string text, string folded, int position, bool allowLowerCase)
    {
        var words = WordsFrom(text, position, maxWords: 5);
        if (words.Count == 0) return null;
        var capitalised = char.IsUpper(text[words[0].Start]);
        if (!capitalised && !allowLowerCase) return null;
        var taken = new List<(int Start, int End)>();
        foreach (var w in words)
        {
            var word = folded[w.Start..w.End];
            if (capitalised ? !char.IsUpper(text[w.Start]) : NotNameWords.Contains(word)) break;
            if (taken.Count > 0 && HasPunctuationBetween(text, taken[^1].End, w.Start)) break;
            taken.Add(w);
        }
        if (taken.Count == 0 || IsProtectedPlace(folded, taken)) return null;
        return (taken[0].Start, taken[^1].End);
    }

    /// <summary>A common surname followed by one to three capitalised words: "Nguyễn Văn An", "Trần Thị Bích Ngọc".</summary>
    IEnumerable<(int Start, int End)> SurnameNames(string text, string folded)
    {
        var words = WordsFrom(text, 0, int.MaxValue);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (!char.IsUpper(text[w.Start]) || !SurnameSet.Contains(folded[w.Start..w.End])) continue;
            var taken = new List<(int Start, int End)> { w };
            for (var k = i + 1; k < words.Count && taken.Count < 4; k++)
            {
                if (!char.IsUpper(text[words[k].Start]) || HasPunctuationBetween(text, taken[^1].End, words[k].Start)) break;
                taken.Add(words[k]);
            }
            if (taken.Count < 2 || IsProtectedPlace(folded, taken)) continue;
            if (i > 0 && PlaceWords.Contains(folded[words[i - 1].Start..words[i - 1].End]) && !HasPunctuationBetween(text, words[i - 1].End, w.Start)) continue;
            yield return (taken[0].Start, taken[^1].End);
            i += taken.Count - 1;
        }
    }

    bool IsProtectedPlace(string folded, List<(int Start, int End)> taken)
    {
        var words = taken.Select(t => folded[t.Start..t.End]).ToArray();
        // The name is a place when a protected place name starts at its first word ("Hồ Chí Minh", "Thái Bình").
        return _protectedPlaces.Any(p => p.Length <= words.Length && p.SequenceEqual(words[..p.Length]));
    }

    List<(int Start, int End)> ProtectedSpans(string folded)
    {
        var spans = new List<(int Start, int End)>();
        if (_protectedPlaces.Length == 0) return spans;
        var words = WordsFrom(folded, 0, int.MaxValue);
        var texts = words.Select(w => folded[w.Start..w.End]).ToArray();
        for (var i = 0; i < words.Count; i++)
            foreach (var place in _protectedPlaces)
                if (i + place.Length <= texts.Length && place.AsSpan().SequenceEqual(texts.AsSpan(i, place.Length)))
                {
                    spans.Add((words[i].Start, words[i + place.Length - 1].End));
                    break;
                }
        return spans;
    }

    /// <summary>"Bà Rịa - Vũng Tàu" starts with an honorific but is a place.</summary>
    bool IsProtectedPlaceAt(string folded, int index)
    {
        var words = WordsFrom(folded, index, 6);
        return IsProtectedPlace(folded, words);
    }

    static bool HasPunctuationBetween(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (!char.IsWhiteSpace(text[i])) return true;
        return false;
    }

    static List<(int Start, int End)> WordsFrom(string text, int position, int maxWords)
    {
        var words = new List<(int, int)>();
        var i = position;
        while (i < text.Length && words.Count < maxWords)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            words.Add((start, i));
        }
        return words;
    }

    static string[] Words(string text) => text.Split((char[])[' ', '\t', '-', ',', '.'], StringSplitOptions.RemoveEmptyEntries);

    static string[] AlphanumericWords(string text) =>
        Regex.Split(text, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToArray();

    /// <summary>
    /// Vietnamese letters without their marks, one character for one (so indices in the folded copy are indices in
    /// the original): "Nguyễn Đức" → "Nguyen Duc". Expects NFC text.
    /// </summary>
    public static string Fold(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            chars[i] = c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                < '\u00C0' => c,
                _ => FoldOne(c),
            };
        }
        return new string(chars);
    }

    static char FoldOne(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
    }

    sealed class SequenceComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);
        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}

/// <param name="Text">The text with placeholders.</param>
/// <param name="Found">What was replaced; used only to scrub the normalized form of the same text, never stored.</param>
public sealed record ScrubbedText(string Text, IReadOnlyList<ScrubbedValue> Found);

public sealed record ScrubbedValue(string Placeholder, string Value);
