using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Search;

namespace CitizenBot.Web.Lookup;

/// <summary>GET /tra-cuu: one search box, three filters, and the results (code, name, online-mode badge, levels).</summary>
static class SearchPageHtml
{
    const int NameLength = 220;
    static readonly string[] Examples = ["lam giay khai sinh", "đổi bằng lái xe", "cấp lại căn cước", "đăng ký tạm trú", "sang tên sổ đỏ"];

    public static string Render(LookupFacets facets, LookupQuery query, LookupResults results, bool queryGiven)
    {
        var title = query.Query.Length > 0 ? $"Tìm “{ShortText.Shorten(query.Query, 60)}”" : "Tra cứu thủ tục hành chính";
        var html = LookupLayout.Begin(title);
        html.Raw("<h1>Tra cứu thủ tục hành chính</h1>\n");
        Form(html, facets, query);
        var messages = query.Messages.ToList();
        if (results.Message is { } m) messages.Add(m);
        if (queryGiven && query.Query.Length == 0 && !query.HasFilters && query.Messages.Count == 0)
            messages.Add("Bạn chưa nhập nội dung cần tìm. Gõ tên thủ tục hoặc việc cần làm vào ô tìm kiếm nhé.");
        LookupLayout.Notices(html, messages);

        if (query.Query.Length == 0 && !query.HasFilters) Intro(html);
        else Results(html, query, results);
        return LookupLayout.End(html);
    }

    static void Form(Html html, LookupFacets facets, LookupQuery query)
    {
        html.Raw("<form class=\"search no-print\" role=\"search\" method=\"get\"").Attr("action", LookupUrls.Root).Raw(">\n")
            .Raw("<div class=\"field query\"><label for=\"q\">Tên thủ tục hoặc việc cần làm</label>")
            .Raw("<div class=\"query-row\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" enterkeyhint=\"search\"")
            .Attr("maxlength", LookupQuery.MaxQueryLength.ToString()).Attr("value", query.Query)
            .Raw(" placeholder=\"Ví dụ: làm giấy khai sinh, đổi bằng lái\" aria-describedby=\"q-hint\">")
            .Raw("<button type=\"submit\">Tìm</button></div>")
            .Raw("<p id=\"q-hint\" class=\"hint\">Gõ có dấu hay không dấu đều được.</p></div>\n")
            .Raw("<div class=\"filters\">\n");

        Select(html, LookupQuery.ProvinceName, "Tỉnh/thành phố", "Cả nước (liên kết quốc gia)",
            facets.Provinces.Select(p => (p.Id, p.Name)), query.Province?.Province.Id);
        Select(html, LookupQuery.FieldName, "Lĩnh vực", "Tất cả lĩnh vực", facets.Fields.Select(f => (f, f)), query.Field);
        Select(html, LookupQuery.ModeName, "Mức độ trực tuyến", "Tất cả",
            Labels.Modes.Select(mode => (OnlineModeNames.ToWire(mode), OnlineModeNames.Badge(mode))), query.Mode is { } q ? OnlineModeNames.ToWire(q) : null);
        html.Raw("</div>\n</form>\n");
    }

    static void Select(Html html, string name, string label, string all, IEnumerable<(string Value, string Text)> options, string? selected)
    {
        html.Raw("<div class=\"field\"><label").Attr("for", name).Raw(">").Text(label).Raw("</label><select").Attr("id", name).Attr("name", name).Raw(">")
            .Raw("<option value=\"\">").Text(all).Raw("</option>");
        foreach (var (value, text) in options)
        {
            html.Raw("<option").Attr("value", value);
            if (value == selected) html.Raw(" selected");
            html.Raw(">").Text(text).Raw("</option>");
        }
        html.Raw("</select></div>\n");
    }

    static void Intro(Html html)
    {
        html.Raw("<section class=\"intro\" aria-labelledby=\"goi-y\"><h2 id=\"goi-y\">Tìm thủ tục cho người dân</h2>")
            .Raw("<p>Gõ việc người dân cần làm bằng lời thường ngày, có dấu hay không dấu, giống như hỏi trợ lý. ")
            .Raw("Chọn tỉnh/thành phố để lấy đúng đường link nộp hồ sơ; có thể lọc theo lĩnh vực và mức độ trực tuyến.</p>")
            .Raw("<p>Ví dụ:</p><ul class=\"examples\">");
        foreach (var example in Examples)
            html.Raw("<li><a").Attr("href", LookupUrls.Search(example, null, null, null)).Raw(">").Text(example).Raw("</a></li>");
        html.Raw("</ul></section>\n");
    }

    static void Results(Html html, LookupQuery query, LookupResults results)
    {
        var province = query.Province?.Province;
        html.Raw("<section class=\"results\" aria-labelledby=\"ket-qua\">\n<h2 id=\"ket-qua\">");
        if (results.Hits.Count == 0) html.Text("Không tìm thấy thủ tục phù hợp");
        else if (results.Searched) html.Text($"{results.Hits.Count} kết quả cho “{ShortText.Shorten(query.Query, 80)}”");
        else html.Text($"{results.Hits.Count} thủ tục");
        html.Raw("</h2>\n");

        if (results.Hits.Count == 0)
        {
            html.Raw("<p>").Text(query.HasFilters
                    ? "Không có thủ tục nào khớp với cả câu tìm kiếm và bộ lọc. Bạn thử bỏ bớt bộ lọc hoặc gõ cách khác."
                    : "Bạn thử gõ cách khác, ví dụ tên giấy tờ cần làm (“giấy khai sinh”, “bằng lái xe”).").Raw("</p>");
            if (query.HasFilters && query.Query.Length > 0)
                html.Raw("<p><a").Attr("href", LookupUrls.Search(query.Query, province, null, null)).Raw(">Tìm lại không dùng bộ lọc</a></p>");
            html.Raw("</section>\n");
            return;
        }
        if (results.Verdict is MatchVerdict.None or MatchVerdict.OutOfScope)
            html.Raw("<p class=\"caution\">").Text("Không có thủ tục nào thật khớp; các kết quả dưới đây chỉ gần giống. Bạn kiểm tra kỹ tên thủ tục.").Raw("</p>");
        else if (results.Verdict == MatchVerdict.Ambiguous)
            html.Raw("<p class=\"caution\">").Text("Có vài thủ tục gần giống nhau; hãy chọn đúng thủ tục người dân cần.").Raw("</p>");

        html.Raw("<ol class=\"result-list\">\n");
        var first = true;
        foreach (var hit in results.Hits)
        {
            var p = hit.Procedure;
            var mode = OnlineModeNames.ToWire(hit.Offer.Mode);
            html.Raw("<li class=\"result\"><h3 class=\"result-name\"><a").Attr("href", LookupUrls.Detail(p.Code, province)).Raw(">")
                .Text(ShortText.Shorten(ProcedureView.Clean(p.Name) ?? p.Code, NameLength)).Raw("</a></h3>\n<p class=\"result-meta\">");
            if (first && results.Verdict == MatchVerdict.Confident) html.Element("span", "Phù hợp nhất", "best");
            html.Raw("<span class=\"code\">Mã ").Text(p.Code).Raw("</span> ")
                .Raw("<span").Attr("class", "badge mode-" + mode).Raw(">").Text(OnlineModeNames.Badge(hit.Offer.Mode)).Raw("</span> ");
            if (p.Levels.Count > 0) html.Element("span", string.Join(", ", p.Levels), "levels").Raw(" ");
            html.Element("span", p.Field, "field-name").Raw("</p>\n");
            if (hit.Url is { } url)
                html.Raw("<p class=\"result-link\">").ExternalLink(url, hit.Offer.IsOnline
                    ? "Mở dịch vụ công trực tuyến" : "Xem trên Cổng Dịch vụ công", "service").Raw("</p>");
            html.Raw("</li>\n");
            first = false;
        }
        html.Raw("</ol>\n");
        if (results.Hidden > 0)
            html.Raw("<p class=\"more-results\">").Text($"Đã ẩn {results.Hidden} kết quả ít liên quan. ")
                .Raw("<a").Attr("href", LookupUrls.Search(query.Query, province, query.Field, query.Mode is { } m ? OnlineModeNames.ToWire(m) : null, showAll: true))
                .Raw(">Xem tất cả kết quả</a></p>\n");
        html.Raw("</section>\n");
    }
}
