using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Removes personal data from a citizen's question before anything keeps it: social-profile links and handles,
/// e-mail addresses, full dates (a birth date often comes without a word saying so), passport numbers (C1234567),
/// bank-account numbers after "stk / số tài khoản", Vietnamese licence plates (29A-123.45, 51F1-234.56), phone numbers
/// (0912 345 678, +84 912.345.678, "không chín một hai …" in words), 12- and 9-digit identity numbers (CCCD/CMND),
/// other long numbers, home addresses below the commune ("số 12 ngõ 34 phố Huế", "thôn 3": the commune, district and
/// province stay, they are what officials plan by), and names ("tên tôi là …", "tôi tên …", "em là Hoa", "em là lan",
/// "chị Lan", "Nguyễn Văn An"). Each is replaced by a placeholder, so the question still reads as a need
/// ("tên tôi là [TÊN], cho hỏi …"). It errs on the side of removing too much: a demand report loses little by a
/// missing word, a citizen a lot by a kept phone number. It is total: any string, lone surrogates included, scrubs
/// without throwing (a regex that ran away would throw <see cref="RegexMatchTimeoutException"/>, which the demand
/// entry factory turns into a withheld text).
/// </summary>
public sealed partial class PersonalDataScrubber
{
    public const string Phone = "[SĐT]";
    public const string IdNumber = "[SỐ ĐỊNH DANH]";
    public const string Email = "[EMAIL]";
    public const string Plate = "[BIỂN SỐ]";
    public const string Name = "[TÊN]";
    public const string Number = "[SỐ]";
    public const string Address = "[ĐỊA CHỈ]";
    public const string Date = "[NGÀY]";
    public const string Passport = "[HỘ CHIẾU]";
    public const string Profile = "[MẠNG XÃ HỘI]";
    public const string BankAccount = "[SỐ TÀI KHOẢN]";

    const int MatchTimeoutMilliseconds = 2000;
    static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(MatchTimeoutMilliseconds);

    static Regex Pattern(string pattern, RegexOptions options = RegexOptions.None) =>
        new(pattern, options | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>In the order they run: links before e-mails (an address in a path), e-mails and dates before numbers, plates before phones.</summary>
    static readonly (Regex Pattern, string Placeholder)[] Patterns =
    [
        (ProfileLink(), Profile),
        (EmailAddress(), Email),
        // A handle on its own ("tiktok @lan.nguyen"), once e-mails are gone.
        (Handle(), Profile),
        // 12/03/1990 · 12-3-1990 · 12.03.90: three parts, so a law's "123/2015/NĐ-CP" or "01/2022" and a procedure code "1.000894" stay.
        (NumericDate(), Date),
        // "12 tháng 3 năm 1990", "12 thang 03, nam 1990".
        (WrittenDate(), Date),
        // Day and month of a birth without the year: "sinh ngày 12/3", "ns 12 tháng 3".
        (BirthDayMonth(), Date),
        // Vietnamese passports: one letter and seven digits ("C1234567", "B 1234567").
        (PassportNumber(), Passport),
        // Any number, even a fragment or a masked one ("stk 1903…", "số tài khoản 0011 0023 ***"), after a word for an account.
        (AccountNumber(), BankAccount),
        // 29A-123.45 · 51F1-234.56 · 30E12345 · 59-X1 234.56 · 29A-1234 (older four-digit plates).
        (LicencePlate(), Plate),
        // Mobile 0 + 9 digits, landline 0 + 10, or +84/84 instead of the 0; any spaces, dots or dashes between digits ("0 9 8 …").
        (PhoneNumber(), Phone),
        // CCCD (12 digits) and CMND (9 digits), plain or grouped by 3 or 4 with spaces or dots.
        (IdentityNumber(), IdNumber),
        // Any other run of 8+ digits (tax code, social-insurance number, bank account): a procedure code (1.001193) has 7,
        // and an amount in round thousands grouped by dots ("phí 15.000.000 đúng ko", "15.500.000 đồng") is a fee.
        (LongNumber(), Number),
    ];

    /// <summary>Every placeholder as a regex alternation, a constant so a generated regex can hold it (a placeholder
    /// needs only its opening bracket escaped: no other character in them is special outside a class).</summary>
    const string PlaceholderAlternation = @"\" + Phone + @"|\" + IdNumber + @"|\" + Email + @"|\" + Plate + @"|\" + Name + @"|\" + Number
        + @"|\" + Address + @"|\" + Date + @"|\" + Passport + @"|\" + Profile + @"|\" + BankAccount;

    /// <summary>Every placeholder, read from <see cref="PlaceholderAlternation"/> so the two cannot disagree.</summary>
    static readonly string[] Placeholders = [.. PlaceholderAlternation.Split('|').Select(p => p[1..])];

    // Matched on the folded, lower-case copy of the text (same length as the original, see Fold).
    static readonly Regex StrongNameTrigger = StrongNameTriggerPattern();
    // "ý tôi là …" means "I mean …": a correction, not an introduction ("ý tôi là đăng ký kết hôn").
    static readonly Regex WeakNameTrigger = WeakNameTriggerPattern();

    /// <summary>Words that end a lower-case name after a strong trigger ("tên tôi là lan [muốn] hỏi").</summary>
    static readonly HashSet<string> NotNameWords = new(StringComparer.Ordinal)
    {
        "cho", "muon", "hoi", "can", "xin", "o", "sinh", "nam", "va", "dang", "lam", "thi", "la", "di", "co", "khong", "a", "nhe",
        "nha", "toi", "em", "nay", "hien", "que", "song", "tai", "so", "sdt", "dien", "thoai", "email", "cccd", "cmnd",
        "nhu", "de", "voi", "vay", "roi", "ma", "nhung", "vi", "tu", "den", "ve", "duoc", "bi", "hay", "nguoi", "tuoi", "hoc",
        "dia", "chi", "ngay", "thang", "cua", "ca", "da", "se", "phai", "nen", "giup", "oi", "day", "ne", "u", "vang", "da",
        "nho", "lay", "mat", "lai", "thu", "tuc", "giay", "lien", "he", "goi", "va", "kem", "dang", "ky",
        // Words that follow "họ tên" / "tên con" in a question about the name itself ("họ tên trong sổ đỏ bị sai", "đổi
        // tên con gái thế nào"), not a name.
        "gai", "trong", "tren", "the", "nao", "sai", "ghi", "khac", "moi", "cu", "sang", "thanh", "doi", "cai", "chinh",
        "bo", "me", "cha", "vo", "chong", "ong", "ba", "chau", "be", "minh", "ho", "ten", "day", "du", "dung", "sua",
    };

    /// <summary>Common surnames as written with their accents: a word typed with other accents is another word ("Đăng Ký
    /// Kết Hôn" is not the surname Đặng; typed without accents, "Dang" may be).</summary>
    static readonly HashSet<string> AccentedSurnames = new(StringComparer.Ordinal)
    {
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
        "đinh", "đoàn", "trương", "trịnh", "lưu", "quách", "lương", "vương", "kiều", "triệu", "tạ",
    };

    /// <summary>The same surnames folded, as the folded copy of the text holds them.</summary>
    static readonly HashSet<string> SurnameSet = new(AccentedSurnames.Select(VietnameseText.FoldEachCharacter), StringComparer.Ordinal);

    /// <summary>The honorifics before a name, as written with their accents ("châu Phi" is not "cháu Phi").</summary>
    static readonly HashSet<string> AccentedHonorifics = new(StringComparer.Ordinal)
    {
        "anh", "chị", "cô", "chú", "bác", "ông", "bà", "em", "cháu", "con", "bé",
    };

    /// <summary>An honorific in the folded copy of the text (then checked as written: <see cref="MayBe"/>).</summary>
    static readonly Regex Honorific = Pattern(
        @"(?<![a-z])(?:" + string.Join('|', AccentedHonorifics.Select(VietnameseText.FoldEachCharacter)) + @")\s+");

    /// <summary>Whether the word at [start, end) may be one of <paramref name="accented"/>: typed without accents it may,
    /// typed with them only when spelled as one of them (the text is NFC already: <see cref="Scrub"/>).</summary>
    static bool MayBe(string text, string folded, int start, int end, HashSet<string> accented)
    {
        var typed = text[start..end].ToLowerInvariant();
        return typed == folded[start..end] || accented.Contains(typed);
    }

    /// <summary>Common given names (folded), for lower-case introductions after "em là / tôi là". Words that also start a
    /// role after "tôi là" ("kỹ sư", "thí sinh", "quân nhân", "nhân viên", "tài xế") are left out on purpose.</summary>
    static readonly HashSet<string> GivenNames = new(StringComparer.Ordinal)
    {
        "an", "anh", "bao", "bich", "binh", "chau", "cuong", "dat", "diem", "diep", "dung", "duc", "duy", "giang", "ha", "hai",
        "hang", "hanh", "hao", "hau", "hien", "hiep", "hieu", "hoa", "hoai", "hoan", "hoang", "hong", "hue", "hung", "huong",
        "huy", "huyen", "khang", "khanh", "khoa", "khoi", "kien", "kim", "lan", "lien", "linh", "loan", "loc", "long", "luan",
        "ly", "mai", "manh", "minh", "my", "nam", "nga", "ngan", "nghia", "ngoc", "nguyet", "nhat", "nhi", "nhu", "nhung",
        "ninh", "oanh", "phat", "phong", "phuc", "phuong", "quang", "quynh", "sang", "son", "tam", "thang", "thanh", "thao",
        "tham", "thinh", "thoa", "thu", "thuan", "thuy", "tien", "toan", "trang", "trinh", "trung", "tuan", "tung", "tuyen",
        "tuyet", "uyen", "vinh", "vu", "vy", "xuan", "yen", "hoa", "trieu", "quoc", "tuong", "khue", "ngoan", "nhan",
    };
    static readonly HashSet<string> MiddleNames = new(StringComparer.Ordinal) { "van", "thi", "huu", "dinh", "gia", "cong", "ba", "dac" };

    /// <summary>A known name followed by a word that makes it something else: "tôi là nam giới", "em là anh trai".</summary>
    static readonly HashSet<string> NotNamePairs = new(StringComparer.Ordinal)
    {
        "nam gioi", "nam nu", "anh trai", "anh ruot", "anh ho", "an ninh", "hoa hau", "nhan vien", "thanh nien", "minh chung",
    };

    /// <summary>Words before a capitalised name that make it a place, not a person ("đường Lê Lợi", "tỉnh Hà Giang").</summary>
    static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "duong", "pho", "quan", "huyen", "xa", "phuong", "tinh", "tp", "thanh", "thi", "tran", "ap", "thon", "to", "khu", "cau",
        "cho", "truong", "benh", "vien", "cong", "vien", "ngo", "hem", "kiet",
    };

    /// <summary>The protected places' folded words, grouped by their first word, longest first within each group.</summary>
    readonly Dictionary<string, string[][]> _protectedPlaces;

    /// <param name="protectedPlaces">Place names that look like person names ("Hồ Chí Minh", "Thái Bình"): the province
    /// names, former names and aliases of the catalogue. They are never replaced by [TÊN].</param>
    public PersonalDataScrubber(IEnumerable<string>? protectedPlaces = null)
    {
        _protectedPlaces = (protectedPlaces ?? [])
            .Select(p => Words(VietnameseText.FoldEachCharacter(p.Normalize(NormalizationForm.FormC)).ToLowerInvariant()))
            .Where(w => w.Length > 0)
            .Distinct(new SequenceComparer())
            .OrderByDescending(w => w.Length)
            .GroupBy(w => w[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A scrubber that keeps the catalogue's province names, former names and aliases (place names that look like a person's).</summary>
    public static PersonalDataScrubber For(ICatalogue catalogue) =>
        new(catalogue.Provinces.SelectMany(p => p.FormerNames.Concat(p.Aliases).Append(p.Name)
            .Concat([p.Name.Replace("Thành phố ", "", StringComparison.Ordinal), p.Name.Replace("Tỉnh ", "", StringComparison.Ordinal)])));

    /// <summary>The text with personal data replaced by placeholders, and what was replaced.</summary>
    public ScrubbedText Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return new ScrubbedText("", []);
        var found = new List<ScrubbedValue>();
        var current = WellFormed(text).Normalize(NormalizationForm.FormC);
        foreach (var (pattern, placeholder) in Patterns)
        {
            current = pattern.Replace(current, m =>
            {
                found.Add(new ScrubbedValue(placeholder, m.Value));
                return placeholder;
            });
        }
        current = ReplaceSpans(current, found);
        return new ScrubbedText(current, found);
    }

    /// <summary>The text with the placeholders of a scrubbed text taken out: what a search reads ("[TÊN]" is not the word "tên").</summary>
    public static string WithoutPlaceholders(string text) => LabelledPlaceholder().Replace(text, " ");

    /// <summary>A placeholder with the words that introduced it ("tên là [TÊN]", "sđt: [SĐT]", "địa chỉ [ĐỊA CHỈ]").</summary>
    [GeneratedRegex(
        @"(?:(?<![\p{L}\p{N}])(?:tên|ten|là|la|sđt|sdt|đt|dt|số điện thoại|so dien thoai|điện thoại|dien thoai|số|so|địa chỉ|dia chi|e-?mail|stk|cccd|cmnd|ngày|ngay)\s*[:.]?\s*)*"
        + "(?:" + PlaceholderAlternation + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex LabelledPlaceholder();

    /// <summary>
    /// The text with every lone surrogate (half an emoji, cut by a truncation or sent on purpose) and the noncharacters
    /// U+FFFE/U+FFFF replaced by U+FFFD, so normalization and storage never meet invalid UTF-16.
    /// </summary>
    public static string WellFormed(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(text, i, 2);
                i++;
                continue;
            }
            var invalid = char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
            if (invalid) builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            builder?.Append(invalid ? '\uFFFD' : c);
        }
        return builder?.ToString() ?? text;
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
        var folded = tokens.Select(t => VietnameseText.FoldEachCharacter(t).ToLowerInvariant()).ToList();
        // Whole runs first, longest first, so "nguyễn văn an" is replaced before a shorter value could split it.
        var values = question.Found
            .Select(v => (v.Placeholder, Run: AlphanumericWords(VietnameseText.FoldEachCharacter(v.Value.Normalize(NormalizationForm.FormC)).ToLowerInvariant())))
            .Where(v => v.Run.Length > 0)
            .OrderByDescending(v => v.Run.Length)
            .ToList();
        foreach (var (placeholder, run) in values)
            for (var i = 0; i + run.Length <= folded.Count; i++)
            {
                if (folded[i] != run[0] || !run.AsSpan().SequenceEqual(folded.GetRange(i, run.Length).ToArray())) continue;
                tokens.RemoveRange(i, run.Length);
                folded.RemoveRange(i, run.Length);
                tokens.Insert(i, placeholder);
                folded.Insert(i, placeholder);
            }
        // Then every piece of a value left on its own (an e-mail's local part, a name's syllable, a digit group) unless the
        // scrubbed question itself still has that word ("thi" in "thi bằng lái" is not the name "Trần Thị Mai").
        var kept = AlphanumericWords(SpelledOneWay(question.Text)).ToHashSet(StringComparer.Ordinal);
        var pieces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (placeholder, run) in values)
            foreach (var piece in run.Select(SpelledOneWay))
                if (!kept.Contains(piece)) pieces.TryAdd(piece, placeholder);
        for (var i = 0; i < folded.Count; i++)
            if (pieces.TryGetValue(SpelledOneWay(folded[i]), out var placeholder))
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

    /// <summary>Names, home addresses and phone numbers spelled in words: found on a folded copy, replaced in the original.</summary>
    string ReplaceSpans(string original, List<ScrubbedValue> found)
    {
        // Detection runs on a copy where placeholders are masked ("[SỐ ĐỊNH DANH]" is not a name); replacement on the original.
        var text = MaskPlaceholders(original);
        var folded = VietnameseText.FoldEachCharacter(text).ToLowerInvariant();
        var names = new List<(int Start, int End)>();
        foreach (Match m in StrongNameTrigger.Matches(folded))
            if (NameAfter(text, folded, m.Index + m.Length, NameCase.Any) is { } span) names.Add(span);
        foreach (Match m in WeakNameTrigger.Matches(folded))
            if (NameAfter(text, folded, m.Index + m.Length, NameCase.CapitalisedOrKnownName) is { } span) names.Add(span);
        foreach (Match m in Honorific.Matches(folded))
            if (!IsProtectedPlaceAt(folded, m.Index) && MayBe(text, folded, m.Index, m.Index + m.Value.TrimEnd().Length, AccentedHonorifics)
                && NameAfter(text, folded, m.Index + m.Length, NameCase.Capitalised) is { } span)
                names.Add(span);
        names.AddRange(SurnameNames(text, folded));

        // A place name is never a person's, wherever the trigger was ("Hồ Chí Minh" after "chị"-like "Chí").
        var places = ProtectedSpans(folded);
        names.RemoveAll(s => places.Any(p => s.Start < p.End && p.Start < s.End));

        var spans = new List<(int Start, int End, string Placeholder)>();
        var tokens = Token.Matches(folded).ToList(); // read by both: numbers spelled out, addresses
        spans.AddRange(SpelledNumbers(folded, tokens).Select(s => (s.Start, s.End, Phone)));
        spans.AddRange(Addresses(text, folded, tokens).Select(s => (s.Start, s.End, Address)));
        spans.AddRange(names.Select(s => (s.Start, s.End, Name)));

        // Merge overlapping spans (the earliest one names the whole), then replace from the end so earlier indices stay valid.
        var merged = new List<(int Start, int End, string Placeholder)>();
        foreach (var s in spans.OrderBy(s => s.Start).ThenByDescending(s => s.End))
            if (merged.Count > 0 && s.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End), merged[^1].Placeholder);
            else merged.Add(s);
        var builder = new StringBuilder(original);
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end, placeholder) = merged[i];
            found.Add(new ScrubbedValue(placeholder, original[start..end]));
            builder.Remove(start, end - start).Insert(start, placeholder);
        }
        return builder.ToString();
    }

    /// <summary>The text with each placeholder's characters replaced by '#' (one pass: every placeholder starts with '[' and
    /// ends at its first ']', so none is the start of another and the first that matches is the only one).</summary>
    static string MaskPlaceholders(string text)
    {
        var next = text.IndexOf('[');
        if (next < 0) return text;
        var masked = text.ToCharArray();
        for (var i = next; i < masked.Length; i++)
        {
            if (text[i] != '[') continue;
            foreach (var placeholder in Placeholders)
                if (text.AsSpan(i).StartsWith(placeholder, StringComparison.Ordinal))
                {
                    masked.AsSpan(i, placeholder.Length).Fill('#');
                    i += placeholder.Length - 1;
                    break;
                }
        }
        return new string(masked);
    }

    enum NameCase { Any, Capitalised, CapitalisedOrKnownName }

    /// <summary>
    /// Up to five name words right after a trigger; null when none (or when they are a protected place). A lower-case
    /// name after a weak trigger ("em là lan") counts only when it is a common surname or given name: "em là sinh viên" stays.
    /// </summary>
    (int Start, int End)? NameAfter(string text, string folded, int position, NameCase nameCase)
    {
        var words = WordsFrom(text, position, maxWords: 5);
        if (words.Count == 0) return null;
        var capitalised = char.IsUpper(text[words[0].Start]);
        var first = folded[words[0].Start..words[0].End];
        var fromSurname = SurnameSet.Contains(first) && MayBe(text, folded, words[0].Start, words[0].End, AccentedSurnames);
        var knownOnly = !capitalised && nameCase == NameCase.CapitalisedOrKnownName;
        if (!capitalised && nameCase == NameCase.Capitalised) return null;
        // "Ông Bà em để lại đất", "Anh Chị cho hỏi": a second honorific is not a name.
        if (nameCase == NameCase.Capitalised && AccentedHonorifics.Contains(text[words[0].Start..words[0].End].ToLowerInvariant())) return null;
        if (knownOnly && (!fromSurname && !GivenNames.Contains(first) || words.Count > 1 && NotNamePairs.Contains(first + " " + folded[words[1].Start..words[1].End])))
            return null;
        var taken = new List<(int Start, int End)>();
        foreach (var w in words)
        {
            var word = folded[w.Start..w.End];
            // "nguyễn văn a": a one-letter given name after a surname and a middle name (but not the polite "ạ").
            var oneLetterName = fromSurname && taken.Count >= 2 && w.End - w.Start == 1 && text[w.Start] is 'a' or 'A';
            var isName = capitalised ? char.IsUpper(text[w.Start])
                : knownOnly ? KnownNameWord(word) || oneLetterName
                : !NotNameWords.Contains(word) || fromSurname && KnownNameWord(word) || oneLetterName;
            if (!isName) break;
            if (taken.Count > 0 && HasPunctuationBetween(text, taken[^1].End, w.Start)) break;
            taken.Add(w);
        }
        if (taken.Count == 0 || IsProtectedPlace(folded, taken)) return null;
        return (taken[0].Start, taken[^1].End);
    }

    static bool KnownNameWord(string folded) => SurnameSet.Contains(folded) || GivenNames.Contains(folded) || MiddleNames.Contains(folded);

    /// <summary>A common surname followed by one to three capitalised words: "Nguyễn Văn An", "Trần Thị Bích Ngọc".</summary>
    IEnumerable<(int Start, int End)> SurnameNames(string text, string folded)
    {
        var words = WordsFrom(text, 0, int.MaxValue);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (!char.IsUpper(text[w.Start]) || !SurnameSet.Contains(folded[w.Start..w.End]) || !MayBe(text, folded, w.Start, w.End, AccentedSurnames)) continue;
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
        if (taken.Count == 0) return false;
        var words = taken.Select(t => folded[t.Start..t.End]).ToArray();
        // The name is a place when a protected place name starts at its first word ("Hồ Chí Minh", "Thái Bình").
        return _protectedPlaces.TryGetValue(words[0], out var places) && places.Any(p => p.Length <= words.Length && p.SequenceEqual(words[..p.Length]));
    }

    List<(int Start, int End)> ProtectedSpans(string folded)
    {
        var spans = new List<(int Start, int End)>();
        if (_protectedPlaces.Count == 0) return spans;
        var words = WordsFrom(folded, 0, int.MaxValue);
        var texts = words.Select(w => folded[w.Start..w.End]).ToArray();
        for (var i = 0; i < words.Count; i++)
            foreach (var place in _protectedPlaces.GetValueOrDefault(texts[i], []))
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

    /// <summary>Digits as words, folded: a phone number read out ("không chín tám một …", "0 chín 8 …").</summary>
    static readonly Dictionary<string, int> DigitWords = new(StringComparer.Ordinal)
    {
        ["khong"] = 0, ["linh"] = 0, ["mot"] = 1, ["hai"] = 2, ["ba"] = 3, ["bon"] = 4, ["tu"] = 4, ["nam"] = 5, ["lam"] = 5,
        ["sau"] = 6, ["bay"] = 7, ["tam"] = 8, ["chin"] = 9,
    };

    static readonly Regex Token = TokenPattern();

    /// <summary>
    /// Runs of digit words and short digit groups holding 9 or more digits with at least one word among them (pure digit
    /// runs are the patterns' work). "năm 2019 năm 2020" is two years, not a number: "năm" before a year breaks a run.
    /// </summary>
    static IEnumerable<(int Start, int End)> SpelledNumbers(string folded, List<Match> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            int digits = 0, words = 0, k = i;
            for (; k < tokens.Count; k++)
            {
                var t = tokens[k].Value;
                if (k > i && !IsNumberSeparator(folded, tokens[k - 1].Index + tokens[k - 1].Length, tokens[k].Index)) break;
                if (DigitWords.ContainsKey(t))
                {
                    if (t == "nam" && k + 1 < tokens.Count && tokens[k + 1].Value is { Length: 4 } year && year.All(char.IsAsciiDigit)) break;
                    digits++;
                    words++;
                }
                else if (t.Length <= 4 && t.All(char.IsAsciiDigit)) digits += t.Length;
                else break;
            }
            if (digits >= 9 && words > 0)
            {
                yield return (tokens[i].Index, tokens[k - 1].Index + tokens[k - 1].Length);
                i = k - 1;
            }
        }
    }

    static bool IsNumberSeparator(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (!(char.IsWhiteSpace(text[i]) || text[i] is '.' or ',' or '-')) return false;
        return true;
    }

    /// <summary>Words that name an administrative unit: an address stops before them (the commune, district and province stay).</summary>
    static readonly HashSet<string> AdminUnits = new(StringComparer.Ordinal) { "xa", "phuong", "quan", "huyen", "tinh", "tp", "thanh", "thi", "tt", "tx", "q", "p" };

    /// <summary>Below the commune: a lane, an alley, a village or a residential group, each named by a number or a name.</summary>
    static readonly HashSet<string> LocalUnits = new(StringComparer.Ordinal) { "ngo", "ngach", "hem", "kiet", "hxh", "thon", "xom", "ap", "to", "khom", "kp", "khu", "doi", "toa", "can", "chung" };
    /// <summary>Local units whose folded spelling is an everyday word ("áp dụng", "tờ khai", "ngô", "khu công nghiệp"): on their
    /// own they need a number after them, or their accent (none is enough for "đội", "tòa", "khu").</summary>
    static readonly Dictionary<string, string> AmbiguousLocalUnits = new(StringComparer.Ordinal)
    {
        ["ap"] = "ấp", ["to"] = "tổ", ["ngo"] = "ngõ", ["doi"] = "", ["toa"] = "", ["khu"] = "",
    };
    static readonly HashSet<string> Streets = new(StringComparer.Ordinal) { "duong", "pho", "dai", "quoc", "tinh" };

    static readonly Regex HomeTrigger = HomeTriggerPattern();

    /// <summary>
    /// Home addresses below the commune: a house number with its lane, alley and street ("số 12 ngõ 34 phố Huế",
    /// "45/6 đường Lê Lợi"), a village or residential group ("thôn 3", "tổ dân phố 7", "ấp Bình Hòa"), and a street after
    /// "nhà em ở / địa chỉ / thường trú tại". A street on its own ("đường Lê Lợi có bưu điện không") is a place, not a home.
    /// </summary>
    static IEnumerable<(int Start, int End)> Addresses(string text, string folded, List<Match> tokens)
    {
        var afterTrigger = new HashSet<int>();
        foreach (Match m in HomeTrigger.Matches(folded))
        {
            var next = tokens.FindIndex(t => t.Index >= m.Index + m.Length);
            if (next >= 0) afterTrigger.Add(next);
        }
        for (var i = 0; i < tokens.Count; i++)
        {
            var start = i;
            var end = -1;
            var k = i;
            // The first component: a house number ("số 12", or a bare number when a street follows), or a local unit,
            // or after a trigger also a street or a bare number.
            if (tokens[k].Value == "so" && k + 1 < tokens.Count && IsNumber(tokens[k + 1].Value) && k + 2 < tokens.Count
                && Component(text, folded, tokens, k + 2, streets: true) > 0)
                k++;
            if (IsNumber(tokens[k].Value) && (afterTrigger.Contains(k) || k + 1 < tokens.Count && Component(text, folded, tokens, k + 1, streets: true) > 0))
            {
                end = k;
                k++;
            }
            else if (Component(text, folded, tokens, k, streets: afterTrigger.Contains(k)) is > 0 and var first)
            {
                end = first - 1;
                k = first;
            }
            if (end < 0) continue;
            // Further components, separated by spaces, commas or dashes: "số 12, ngõ 34, phố Huế".
            while (k < tokens.Count && IsAddressSeparator(folded, tokens[k - 1].Index + tokens[k - 1].Length, tokens[k].Index)
                   && Component(text, folded, tokens, k, streets: true) is > 0 and var next)
            {
                end = next - 1;
                k = next;
            }
            // A lane's street without the word "đường": "ngõ 80 Xuân Thủy", "hẻm 123 Nguyễn Trãi".
            if (k < tokens.Count && IsNumber(tokens[k - 1].Value) && !HasPunctuationBetween(folded, tokens[k - 1].Index + tokens[k - 1].Length, tokens[k].Index)
                && NameWords(text, folded, tokens, k) is > 0 and var street)
                end = street - 1;
            yield return (tokens[start].Index, tokens[end].Index + tokens[end].Length);
            i = end;
        }
    }

    /// <summary>The token after a unit and its name or number (a position in tokens), or -1 when there is none at <paramref name="k"/>.</summary>
    static int Component(string text, string folded, List<Match> tokens, int k, bool streets)
    {
        if (k >= tokens.Count) return -1;
        var unit = tokens[k].Value;
        var isStreet = streets && Streets.Contains(unit);
        if (!LocalUnits.Contains(unit) && !isStreet) return -1;
        // "hàng xóm" (a neighbour), "làng xóm" (the neighbourhood): not the hamlet of an address.
        if (unit == "xom" && k > 0 && tokens[k - 1].Value is "hang" or "lang") return -1;
        var n = k + 1;
        // Two-word units: "tổ dân phố", "khu phố", "khu dân cư", "đại lộ", "quốc lộ", "tỉnh lộ", "chung cư", "căn hộ".
        if (n + 1 < tokens.Count && (unit, tokens[n].Value) is ("to", "dan") && tokens[n + 1].Value == "pho") n += 2;
        else if (n < tokens.Count && (unit, tokens[n].Value) is ("khu", "pho") or ("dai", "lo") or ("quoc", "lo") or ("tinh", "lo") or ("chung", "cu") or ("can", "ho") or ("khu", "do")) n++;
        else if (unit is "dai" or "quoc" or "tinh" or "chung" or "can") return -1;
        if (n < tokens.Count && (unit, tokens[n].Value) is ("khu", "thi") or ("khu", "dan") && n + 1 < tokens.Count) n++;
        if (n >= tokens.Count || HasPunctuationBetween(folded, tokens[n - 1].Index + tokens[n - 1].Length, tokens[n].Index)) return -1;
        if (tokens[n].Value == "so" && n + 1 < tokens.Count && IsNumber(tokens[n + 1].Value)) n++; // "đường số 5"
        if (IsNumber(tokens[n].Value)) return n + 1;
        var written = text.AsSpan(tokens[k].Index, tokens[k].Length);
        if (n == k + 1 && AmbiguousLocalUnits.TryGetValue(unit, out var accented) && !written.Equals(accented, StringComparison.OrdinalIgnoreCase) && !isStreet)
            return -1;
        return NameWords(text, folded, tokens, n);
    }

    /// <summary>A street, lane or village name: capitalised words, or up to three lower-case words that are not a unit, a
    /// common word or a number. The token after it, or -1.</summary>
    static int NameWords(string text, string folded, List<Match> tokens, int n)
    {
        if (n >= tokens.Count) return -1;
        var capitalised = char.IsUpper(text[tokens[n].Index]);
        var taken = 0;
        for (; n < tokens.Count && taken < 4; n++, taken++)
        {
            var word = tokens[n].Value;
            if (taken > 0 && HasPunctuationBetween(folded, tokens[n - 1].Index + tokens[n - 1].Length, tokens[n].Index)) break;
            if (!char.IsLetter(word[0]) || AdminUnits.Contains(word) || LocalUnits.Contains(word) || Streets.Contains(word)) break;
            if (capitalised ? !char.IsUpper(text[tokens[n].Index]) : NotNameWords.Contains(word) || taken >= 3) break;
        }
        return taken > 0 ? n : -1;
    }

    static bool IsNumber(string token) => char.IsAsciiDigit(token[0]);

    static bool IsAddressSeparator(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (!(char.IsWhiteSpace(text[i]) || text[i] is ',' or '-')) return false;
        return true;
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

    /// <summary>Folded, lower-case, a final y as i: how the search may have respelled a word ("Thuý" → "thuỷ", "lý" → "lí").</summary>
    static string SpelledOneWay(string word) => Regex.Replace(VietnameseText.FoldEachCharacter(word).ToLowerInvariant(), @"y\b", "i");

    static string[] AlphanumericWords(string text) =>
        Regex.Split(text, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToArray();

    // The constant patterns, compiled to code at build time instead of interpreted (a scrub of a dev question took
    // 25 µs with the interpreter, 13 µs generated, before the places were grouped); the honorific pattern, built from
    // its list at start-up, goes through Pattern.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.@\-])(?:https?://)?(?:www\.|m\.|vt\.|vm\.|web\.|chat\.)?(?:facebook\.com|fb\.com|fb\.me|m\.me|zalo\.me|tiktok\.com|instagram\.com|youtube\.com|youtu\.be|twitter\.com|x\.com|t\.me|linkedin\.com|threads\.net)(?:/[^\s]*[^\s.,;:!?)])?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMilliseconds)]
    private static partial Regex ProfileLink();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+\-])@[\p{L}\p{N}_](?:[\p{L}\p{N}._]*[\p{L}\p{N}_])?", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex Handle();

    [GeneratedRegex(@"(?<![\p{L}\p{N}/.\-])(?:0?[1-9]|[12]\d|3[01])\s?([/.\-])\s?(?:0?[1-9]|1[0-2])\s?\1\s?(?:19|20)?\d{2}(?![\p{L}\p{N}]|[/.\-]\d)", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:0?[1-9]|[12]\d|3[01])\s+th[áa]ng\s+(?:0?[1-9]|1[0-2])\s*,?\s*n[ăa]m\s+(?:19|20)?\d{2}(?!\p{N})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMilliseconds)]
    private static partial Regex WrittenDate();

    [GeneratedRegex(@"(?<=(?<!\p{L})(?:sinh|ns|sn)(?:\s+ng[àa]y)?\s*:?\s*)(?:0?[1-9]|[12]\d|3[01])(?:\s*[/.\-]\s*|\s+th[áa]ng\s+)(?:0?[1-9]|1[0-2])(?![\p{L}\p{N}]|[/.\-]\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMilliseconds)]
    private static partial Regex BirthDayMonth();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Za-z]\s?\d{7}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex PassportNumber();

    [GeneratedRegex(@"(?<=(?<!\p{L})(?:stk|s\.t\.k|s[ốo]\s*tk|tk|s[ốo]\s+t[àa]i\s+kho[ảa]n|t[àa]i\s+kho[ảa]n)(?:\s+ng[âa]n\s+h[àa]ng)?\s*(?:s[ốo]|l[àa])?\s*[:.#]?\s*)\d(?:[\s.\-]?(?:\d|\*|[xX](?!\p{L}))){2,}(?:…|\.{2,})?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMilliseconds)]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Za-z]{1,2}\d?\s?[-.\s]?\s?(?:\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex LicencePlate();

    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\(?\+84\)?[\s.\-]?|(?<!\d)84[\s.\-]?|0[\s.\-]?)(?:\d[\s.\-]?){8,9}\d(?!\p{N})", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\d{12}|\d{9}|\d{3}([\s.])\d{3}\1\d{3}(?:\1\d{3})?|\d{4}([\s.])\d{4}\2\d{4})(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?![1-9]\d{0,2}(?:\.\d{3})*\.000(?![\p{N}.\-]))\d(?:[.\-]?\d){7,}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"(?<![a-z])(?:ho va ten|ho ten|ten (?:cua )?(?:toi|em|minh|tui|tao|con|chau|anh|chi|be|con toi|con em|con minh)(?: la)?|(?:toi|em|minh|tui|tao|con|chau|anh|chi|be) ten(?: la)?|ten la|ten goi la)(?![a-z])[\s:,\-]*", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex StrongNameTriggerPattern();

    [GeneratedRegex(@"(?<![a-z])(?<!(?<![a-z])y\s+)(?:toi|em|minh|tui) la(?![a-z])[\s:,\-]*", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex WeakNameTriggerPattern();

    [GeneratedRegex(@"\p{L}+|\p{N}+(?:/\p{N}+)*(?:[a-z](?!\p{L}))?", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?<![a-z])(?:dia chi(?: nha)?(?: (?:cua )?(?:toi|em|minh|tui|chau|con|anh|chi))?(?: la| o| tai)?|nha (?:(?:toi|em|minh|tui|chau|con|anh|chi|ban|co|chu|bac|ong|ba) )?(?:o|tai|la|so)|(?:thuong|tam) tru (?:o|tai)|cu tru (?:o|tai)|song (?:o|tai)|o tai|so nha|sn)(?![a-z])[\s:,\-]*", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex HomeTriggerPattern();

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
