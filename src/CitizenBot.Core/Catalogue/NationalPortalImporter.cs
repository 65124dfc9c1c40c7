using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Catalogue;

/// <summary>
/// Reads the National Public Service Portal format (one JSON object a line, see ../shared/data/README.md): parses the
/// flattened tables (submission methods, documents, legal basis), cuts portal boilerplate and derives the online
/// mode as far as the data allows. Bad lines are rejected with their reason; good ones are kept.
/// </summary>
public static partial class NationalPortalImporter
{
    const string NoInformation = "Không có thông tin";

    public static ImportReport Import(string path)
    {
        var rejected = new List<CatalogueError>();
        var procedures = Read(path, rejected).ToList();
        return new ImportReport(path, procedures, rejected);
    }

    /// <summary>
    /// The procedures of a file in file order, each given as soon as its line is parsed (so a consumer can start on the
    /// first while later lines are still being read); skipped lines are added to <paramref name="rejected"/> as met.
    /// </summary>
    /// <param name="bytes">When given, every byte of the file is appended to it as read.</param>
    public static IEnumerable<Procedure> Read(string path, List<CatalogueError> rejected, IncrementalHash? bytes = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shared = new SharedValues();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(bytes is null ? file : new HashingStream(file, bytes));
        // Lines are parsed on every core (parsing is nearly all of an import: 14 s of CPU for a 625 MiB file), then
        // taken in file order, so which duplicate is kept and the order of procedures and rejections are the file's.
        var parsed = Lines(reader)
            .Select((line, index) => (Line: line, Number: index + 1))
            .AsParallel().AsOrdered()
            .Select(x => Parse(path, x.Line, x.Number, shared));
        foreach (var (procedure, error, number) in parsed)
        {
            if (error is not null) rejected.Add(error);
            else if (procedure is null) continue;
            else if (!seen.Add(procedure.Code))
                rejected.Add(new CatalogueError(path, $"line {number} ({procedure.Code})", "ma_thu_tuc", "duplicate code; the first occurrence is kept"));
            else yield return procedure;
        }
    }

    static IEnumerable<string> Lines(StreamReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    /// <summary>Reads through to another stream, appending every byte read to a hash.</summary>
    sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            hash.AppendData(buffer[..read]);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>One line: a procedure, a rejection, or neither (a blank line).</summary>
    static (Procedure? Procedure, CatalogueError? Error, int Number) Parse(string path, string line, int number, SharedValues shared)
    {
        if (string.IsNullOrWhiteSpace(line)) return (null, null, number);
        var record = $"line {number}";
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (null, new CatalogueError(path, record, "", "not a JSON object"), number);
            var (procedure, error) = Convert(json.RootElement, shared);
            return error is not null ? (null, new CatalogueError(path, record, error.Value.Field, error.Value.Message), number) : (procedure, null, number);
        }
        catch (JsonException e)
        {
            return (null, new CatalogueError(path, record, "", $"invalid JSON: {e.Message}"), number);
        }
    }

    static (Procedure?, (string Field, string Message)?) Convert(JsonElement r, SharedValues shared)
    {
        var code = Text(r, "ma_thu_tuc");
        if (code is null) return (null, ("ma_thu_tuc", "missing"));
        if (!CodeShape().IsMatch(code)) return (null, ("ma_thu_tuc", $"'{code}' is not a procedure code like 1.001193"));
        var name = Text(r, "ten_thu_tuc");
        if (name is null) return (null, ("ten_thu_tuc", "missing"));
        string? Shared(string field) => shared.Text(Text(r, field));
        var methods = shared.Parsed(Text(r, "cach_thuc_thuc_hien"), ParseMethods,
            static (s, m) => m with { ProcessingTime = s.Text(m.ProcessingTime), Fee = s.Text(m.Fee), Description = s.Text(m.Description) });
        return (new Procedure
        {
            Code = code,
            Name = name,
            Field = Shared("linh_vuc") ?? "Khác",
            Levels = shared.Parsed(Text(r, "cap_thuc_hien"), Split, static (s, level) => s.Text(level)!),
            Applicants = Shared("doi_tuong_thuc_hien"),
            Agency = Shared("co_quan_thuc_hien") ?? Shared("co_quan_co_tham_quyen"),
            SubmissionAddress = Shared("dia_chi_tiep_nhan"),
            Steps = ParseSteps(Text(r, "trinh_tu_thuc_hien")).Select(step => shared.Text(step)!).ToArray(),
            Documents = shared.Parsed(Text(r, "thanh_phan_ho_so"), ParseDocuments,
                static (s, d) => d with { Name = s.Text(d.Name)!, Quantity = s.Text(d.Quantity) }),
            Methods = methods,
            LegalBasis = shared.Parsed(Text(r, "can_cu_phap_ly"), ParseLegalBasis,
                static (s, l) => l with { Title = s.Text(l.Title)!, Number = s.Text(l.Number) }),
            Conditions = Shared("yeu_cau_dieu_kien"),
            Result = shared.Text(CleanResult(Text(r, "ket_qua_xu_ly"))),
            // The export has no toàn trình flag: listing "Trực tuyến" does not tell toàn trình from một phần, so the mode
            // stays chưa rõ unless our curated catalogue or the province's list says it (never a guess shown as fact).
            OnlineMode = OnlineMode.Unknown,
            NationalUrl = Text(r, "detail_url"),
        }, null);
    }

    /// <summary>
    /// The records of an export repeat whole values (one agency, field or documents table for hundreds of procedures,
    /// and a generated catalogue repeats them far more): each distinct value is kept, and parsed, once per import, so
    /// the catalogue held for answers does not grow with copies of the same text. The texts inside parsed values are
    /// shared too: different tables list the same document, law, quantity or fee (on the national file 40,000 of the
    /// 85,000 strings the catalogue held were copies: 6 MB of the host's memory).
    /// </summary>
    sealed class SharedValues
    {
        // Concurrent: lines are parsed on several threads. Two threads meeting a new value at once may both parse it;
        // one copy is kept, and values are equal whichever it is.
        readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
        readonly ConcurrentDictionary<(Delegate Parse, string Text), object> _parsed = [];

        public string? Text(string? text) => text is null ? null : _texts.GetOrAdd(text, text);

        /// <summary>
        /// The parsed items of <paramref name="text"/> (immutable records), shared by every record with the same text;
        /// each item's texts shared with every other value's by <paramref name="share"/>.
        /// </summary>
        public IReadOnlyList<T> Parsed<T>(string? text, Func<string?, IReadOnlyList<T>> parse, Func<SharedValues, T, T> share) =>
            text is null ? parse(null)
            : (IReadOnlyList<T>)_parsed.GetOrAdd((parse, text), static (key, state) =>
            {
                var items = ((Func<string?, IReadOnlyList<T>>)key.Parse)(key.Text);
                var shared = new T[items.Count];
                for (var i = 0; i < shared.Length; i++) shared[i] = state.Share(state.Values, items[i]);
                return shared;
            }, (Values: this, Share: share));
    }

    /// <summary>The data has no toàn trình flag: listing "Trực tuyến" means online at least in part.</summary>
    internal static OnlineMode DeriveOnlineMode(IReadOnlyList<SubmissionMethod> methods) =>
        methods.Count == 0 ? OnlineMode.Unknown
        : methods.Any(m => m.Channel == SubmissionChannel.Online) ? OnlineMode.Partial
        : OnlineMode.Offline;

    /// <summary>"Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phí…Trực tiếp…"</summary>
    internal static IReadOnlyList<SubmissionMethod> ParseMethods(string? table)
    {
        if (table is null) return [];
        var body = table.StartsWith(MethodsHeader, StringComparison.Ordinal) ? table[MethodsHeader.Length..] : table;
        var rows = MethodRow().Matches(body);
        var result = new List<SubmissionMethod>();
        for (var i = 0; i < rows.Count; i++)
        {
            var end = i + 1 < rows.Count ? rows[i + 1].Index : body.Length;
            var row = body[(rows[i].Index + rows[i].Length)..end];
            var channel = rows[i].Groups[1].Value switch
            {
                "Trực tuyến" => SubmissionChannel.Online,
                "Dịch vụ bưu chính" => SubmissionChannel.Postal,
                _ => SubmissionChannel.InPerson,
            };
            var time = TimePart().Match(row);
            var rest = row[time.Length..];
            if (time.Value.All(char.IsDigit) && CurrencyUnit().Match(rest) is { Success: true } unit)
            {
                // "Trực tuyến1100 VNĐ(Phí công bố …: 100.000 đồng/lần)": the export glued a bare time to a fee's digits,
                // and where one ends cannot be told; neither is shown as fact — the fee is the note in brackets, if any.
                var note = rest[unit.Length..].Trim();
                var glued = BracketNote(ref note);
                result.Add(new SubmissionMethod(channel, null, glued, Nullable(note)));
                continue;
            }
            var fee = FeePart().Match(rest);
            var description = rest[fee.Length..].Trim();
            result.Add(new SubmissionMethod(channel, Time(time.Value), Fee(fee.Value, ref description), Nullable(description)));
        }
        return result;
    }

    const string MethodsHeader = "Hình thức nộpThời gianPhí, lệ phíMô tả";

    // A bare number is what the portal shows for same-day style deadlines: keep the unit explicit for citizens.
    static string? Time(string value) => value.Trim() switch
    {
        "" => null,
        var v when v.All(char.IsDigit) => v + " ngày làm việc",
        var v => v.Replace("Ngày làm việc", "ngày làm việc").Replace("Ngày", "ngày"),
    };

    static string? Fee(string value, ref string description)
    {
        var fee = value.Trim();
        if (fee.Length == 0 || fee == NoInformation) return null;
        // "Miễn phí(Lệ phí … 135.000 đồng/lần)": the note in brackets is the real fee rule, keep it with the fee.
        return BracketNote(ref description) is { } note ? $"{fee} ({note})" : fee;
    }

    /// <summary>The note in brackets that opens <paramref name="description"/>, taken out of it; null when there is none.</summary>
    static string? BracketNote(ref string description)
    {
        if (!description.StartsWith('(') || ClosingBracket(description) is not (var close and > 0)) return null;
        var note = description[1..close].Trim();
        description = description[(close + 1)..].Trim();
        return note.Length == 0 ? null : note;
    }

    // The note may hold brackets of its own ("(40.000đ/giấy (áp dụng đến 31/12/2024).)"): close at the matching one.
    static int ClosingBracket(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        return -1;
    }

    [GeneratedRegex(@"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|Không có thông tin)")]
    private static partial Regex MethodRow();

    [GeneratedRegex(@"^(\d+(?:[.,]\d+)?(?: (?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Phút))?|Không có thông tin)")]
    private static partial Regex TimePart();

    [GeneratedRegex(@"^\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)")]
    private static partial Regex CurrencyUnit();

    [GeneratedRegex(@"^(Miễn phí|Không có thông tin|(?:Phí|Lệ phí)\s*:?\s*[\d.,]+\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)|[\d.,]+\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng))")]
    private static partial Regex FeePart();

    /// <summary>"* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai…1 bản chính- Giấy chứng sinh…1 bản chính"</summary>
    internal static IReadOnlyList<RequiredDocument> ParseDocuments(string? table)
    {
        if (table is null) return [];
        var documents = new List<RequiredDocument>();
        foreach (var section in DocumentSection().Split(table))
        {
            // A section may hold several tables, each opened by the header; the words before a header ("* Giấy tờ phải
            // xuất trình:", or "--" for an unlabelled table) say whether its documents are handed in or only shown.
            // A label naming a case ("a) Đối với trường hợp chủ đầu tư dự án nộp hồ sơ …:") makes each of its table's
            // documents "case: name", so the checklist groups them under it (DocumentGroups) instead of listing two
            // cases' papers as one list with every paper twice.
            var tables = section.Split(DocumentsHeader);
            var mustPresent = false;
            string? @case = null;
            string UnderCase(string name) => @case is null ? name : $"{@case}: {name}";
            for (var t = 0; t < tables.Length; t++)
            {
                var text = tables[t];
                var last = 0;
                if (t > 0 || tables.Length == 1)
                    foreach (Match quantity in DocumentQuantity().Matches(text))
                    {
                        var name = CleanDocumentName(text[last..quantity.Index]);
                        if (name.Length > 0) documents.Add(new RequiredDocument(UnderCase(name), quantity.Value.Trim(), mustPresent));
                        last = quantity.Index + quantity.Length;
                    }
                if (t + 1 < tables.Length)
                {
                    mustPresent = text[last..].Contains("xuất trình", StringComparison.OrdinalIgnoreCase);
                    @case = CaseLabel(text[last..]);
                }
                else if (CleanDocumentName(text[last..]) is { Length: > 3 } tail)
                    documents.Add(new RequiredDocument(UnderCase(tail), null, mustPresent));
            }
        }
        return documents;
    }

    const string DocumentsHeader = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";

    /// <summary>The case a table's label names ("a) Đối với trường hợp …:", "- Trường hợp ủy quyền …:"), without its
    /// numbering and colon; null for other labels ("* Giấy tờ phải nộp:", "--") or one too long to head a group.</summary>
    internal static string? CaseLabel(string label)
    {
        var m = TableCase().Match(label);
        if (!m.Success) return null;
        var text = m.Groups["case"].Value.Trim().TrimEnd(':', ' ', '.');
        return text.Length is >= 8 and <= 300 && !text.Contains(':') ? text : null;
    }

    [GeneratedRegex(@"^\s*(?:[a-zđ]\)|\d+[.)]|[-*+•–(])?\s*(?<case>(?:Trường hợp|Đối với|Nếu|Riêng)\b[^\n]*?)\)?\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TableCase();

    [GeneratedRegex(@"(?=\* Giấy tờ)")]
    private static partial Regex DocumentSection();

    [GeneratedRegex(@"\d+ bản chính(?:,\s*\d+ bản sao)?|\d+ bản sao")]
    private static partial Regex DocumentQuantity();

    static string CleanDocumentName(string text)
    {
        var name = text.Trim().TrimStart('-', '+', '*', '–', ' ').Trim();
        return name.StartsWith("--", StringComparison.Ordinal) ? name.TrimStart('-') : name;
    }

    /// <summary>"Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13Nghị định …123/2015/NĐ-CP"</summary>
    internal static IReadOnlyList<LegalReference> ParseLegalBasis(string? table)
    {
        const string header = "Tên văn bản pháp lýMã văn bản";
        if (table is null) return [];
        var body = table.StartsWith(header, StringComparison.Ordinal) ? table[header.Length..] : table;
        var result = new List<LegalReference>();
        var last = 0;
        foreach (Match number in LegalNumber().Matches(body))
        {
            // The number closes a row when it directly follows the title (the portal prints it after the title).
            var title = body[last..number.Index].Trim();
            if (title.Length == 0) continue;
            result.Add(new LegalReference(title, number.Value));
            last = number.Index + number.Length;
        }
        return result;
    }

    [GeneratedRegex(@"(?<=[^\s\d/])(?:\d{1,4}/\d{4}/[A-ZĐa-zđ\-]+\d*)(?=\s*[A-ZĐÂƯÔƠĂÊ]|\s*$)")]
    private static partial Regex LegalNumber();

    static IReadOnlyList<string> ParseSteps(string? text) =>
        text is null ? [] : text.Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    static string? CleanResult(string? text)
    {
        if (text is null) return null;
        // The result's code ("Mã: KQ.G15.000031", "Mã: 000.00.00.G11-KQ1711") starts the portal's page furniture.
        var cut = ResultBoilerplate.Select(marker => text.IndexOf(marker, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(text.Length).Min();
        var result = text[..cut].Trim();
        return result.Length == 0 ? null : result;
    }

    static readonly string[] ResultBoilerplate = ["Mã:", "Từ khóa", "Chọn cơ quan thực hiện"];

    static IReadOnlyList<string> Split(string? text) =>
        text is null ? [] : text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// A text field, in NFC: the portal export mixes composed and decomposed accents ("lĩnh vực" in both forms), which
    /// would otherwise make two fields of one and break exact comparisons.
    /// </summary>
    static string? Text(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Nullable(v.GetString()?.Normalize()) : null;

    static string? Nullable(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Trim() == NoInformation ? null : text.Trim();

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodeShape();
}

/// <summary>What an import produced: the accepted procedures and every rejected record with its reason.</summary>
public sealed record ImportReport(string File, IReadOnlyList<Procedure> Procedures, IReadOnlyList<CatalogueError> Rejected);
