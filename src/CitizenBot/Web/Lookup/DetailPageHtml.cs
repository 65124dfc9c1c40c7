using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// GET /tra-cuu/{code}?tinh=: the whole procedure on screen, and — through the print stylesheet — a one-page A4
/// hand-over sheet: checklist with boxes, fees and times, where to go, the link and its QR code.
/// </summary>
static class DetailPageHtml
{
    public static string Render(ProcedureView v, LookupFacets facets, IReadOnlyList<string> notices, string summary, string qrSvg)
    {
        var province = facets.Provinces.FirstOrDefault(p => p.Id == v.Province?.Id);
        var html = LookupLayout.Begin(ShortText.Shorten(v.Name, 90), LookupUrls.Detail(v.Code, province));
        html.Raw("<nav class=\"crumbs no-print\" aria-label=\"Vị trí\"><a").Attr("href", LookupUrls.Search(null, province, null, null))
            .Raw(">Tra cứu thủ tục</a> › <span aria-current=\"page\">Mã ").Text(v.Code).Raw("</span></nav>\n");
        LookupLayout.Notices(html, notices);

        html.Raw("<article class=\"procedure\">\n<header class=\"procedure-head\">");
        html.Element("h1", v.Name, "procedure-name");
        html.Raw("<p class=\"meta\"><span>").Text($"{Labels.Code}: {v.Code}").Raw("</span> <span>").Text($"{Labels.Field}: {v.Field}").Raw("</span>");
        if (v.Levels.Count > 0) html.Raw(" <span>").Text($"{Labels.Levels}: {string.Join(", ", v.Levels)}").Raw("</span>");
        if (v.Province is { } chosen) html.Raw(" <span>").Text($"{Labels.Province}: {chosen.Name}").Raw("</span>");
        html.Raw("</p></header>\n");

        ProvinceForm(html, v, facets);
        Online(html, v, qrSvg);
        if (v.Description is { } description) html.Raw("<section class=\"description no-print\"><p>").Text(description).Raw("</p></section>\n");
        Documents(html, v);
        Methods(html, v);
        Where(html, v);
        if (v.Steps.Count > 0)
        {
            // The portal's lines as written: they carry their own markers ("Bước 1:", "- ", "(i)").
            html.Raw("<section class=\"steps no-print\" aria-labelledby=\"cac-buoc\"><h2 id=\"cac-buoc\">").Text(Labels.Steps).Raw("</h2>");
            foreach (var step in v.Steps) html.Element("p", step);
            html.Raw("</section>\n");
        }
        Paragraph(html, "dieu-kien", Labels.Conditions, v.Conditions, "no-print");
        Paragraph(html, "ket-qua", Labels.Result, v.Result, "result");
        Paragraph(html, "doi-tuong", Labels.Applicants, v.Applicants, "no-print");
        if (v.LegalBasis.Count > 0)
        {
            html.Raw("<section class=\"legal no-print\" aria-labelledby=\"can-cu\"><h2 id=\"can-cu\">").Text(Labels.LegalBasis).Raw("</h2><ul>");
            foreach (var l in v.LegalBasis) html.Element("li", ProcedureTextRenderer.LegalLine(l));
            html.Raw("</ul></section>\n");
        }
        Share(html, v, province, summary);
        html.Raw("<p class=\"print-only print-foot\">").Text("Thông tin theo Cổng Dịch vụ công quốc gia; kiểm tra lại tại đường link trước khi nộp. In từ CitizenBot – Tra cứu thủ tục.").Raw("</p>\n");
        html.Raw("</article>\n");
        return LookupLayout.End(html);
    }

    static void ProvinceForm(Html html, ProcedureView v, LookupFacets facets)
    {
        html.Raw("<form class=\"province-form no-print\" method=\"get\"").Attr("action", LookupUrls.Detail(v.Code, null)).Raw(">")
            .Raw("<label for=\"tinh\">Tỉnh/thành phố của người dân</label><div class=\"query-row\"><select id=\"tinh\" name=\"tinh\">")
            .Raw("<option value=\"\">Cả nước (liên kết quốc gia)</option>");
        foreach (var p in facets.Provinces)
        {
            html.Raw("<option").Attr("value", p.Id);
            if (p.Id == v.Province?.Id) html.Raw(" selected");
            html.Raw(">").Text(p.Name).Raw("</option>");
        }
        html.Raw("</select><button type=\"submit\">Đổi tỉnh</button></div></form>\n");
    }

    static void Online(Html html, ProcedureView v, string qrSvg)
    {
        html.Raw("<section").Attr("class", "online mode-" + v.Online.Mode).Raw(" aria-labelledby=\"truc-tuyen\">")
            .Raw("<figure class=\"qr\" role=\"img\"").Attr("aria-label", "Mã QR mở " + v.Link.Url).Raw(">").Raw(qrSvg)
            .Raw("<figcaption>Quét mã để mở</figcaption></figure>")
            .Raw("<h2 id=\"truc-tuyen\">Làm trực tuyến được không?</h2>")
            .Raw("<p class=\"mode-line\"><span").Attr("class", "badge mode-" + v.Online.Mode).Raw(">").Text(v.Online.Badge).Raw("</span> ")
            .Text(v.Online.Title).Raw("</p>")
            .Raw("<p>").Text(v.Online.Explanation).Raw("</p>")
            .Raw("<p").Attr("class", "mode-source scope-" + v.Online.Scope).Raw(">").Text(v.Online.Source).Raw("</p>");
        if (v.Online.StillInPerson.Count > 0)
        {
            html.Raw("<p class=\"still-heading\">Việc vẫn phải làm trực tiếp:</p><ul class=\"still\">");
            foreach (var item in v.Online.StillInPerson) html.Element("li", item);
            html.Raw("</ul>");
        }
        html.Raw("<p class=\"service\">").ExternalLink(v.Link.Url, v.Link.Label, "button-link")
            .Raw("<br><span class=\"url\">").Text(v.Link.Url).Raw("</span></p>");
        if (v.PortalBesideLink() is { } p)
            html.Raw("<p class=\"portal\">").Text($"{Labels.ProvincePortal} {p.Name}: ").ExternalLink(p.PortalUrl, p.PortalUrl).Raw("</p>");
        if (v.Link.Kind == "national" && v.Province is { } q)
            html.Raw("<p class=\"hint no-print\">").Text($"Chưa có đường link riêng của {q.Name} cho thủ tục này; Cổng Dịch vụ công quốc gia chuyển hồ sơ về đúng nơi giải quyết.").Raw("</p>");
        html.Raw("</section>\n");
    }

    static void Documents(Html html, ProcedureView v)
    {
        html.Raw("<section class=\"documents\" aria-labelledby=\"giay-to\"><h2 id=\"giay-to\">").Text(Labels.Documents).Raw("</h2>");
        if (v.Documents.Count == 0)
        {
            html.Raw("<p>").Text("Dữ liệu thủ tục chưa ghi thành phần hồ sơ; hỏi bộ phận tiếp nhận hoặc xem trên Cổng.").Raw("</p></section>\n");
            return;
        }
        html.Raw("<p class=\"hint no-print\">Đánh dấu từng giấy tờ khi đã chuẩn bị xong.</p>");
        var groups = DocumentGroups.Group(v.Documents);
        var printed = PrintSheet.DocumentsThatFit(v, groups);
        var n = 0;
        foreach (var group in groups)
        {
            if (group.Case is { } @case) html.Raw("<h3").Attr("class", n >= printed ? "case print-extra" : "case").Raw(">").Text(@case).Raw("</h3>");
            html.Raw("<ul class=\"checklist\">");
            foreach (var d in group.Items)
            {
                var id = $"giay-to-{++n}";
                html.Raw("<li").Attr("class", n > printed ? "print-extra" : null).Raw("><input type=\"checkbox\"").Attr("id", id).Raw("><label").Attr("for", id).Raw(">")
                    .Element("span", d.Name, "doc-name");
                var note = d.MustPresentOnly ? Labels.PresentOnly : d.Quantity;
                if (note is not null) html.Raw(" ").Element("span", $"({note})", "qty");
                html.Raw("</label></li>");
            }
            html.Raw("</ul>");
        }
        if (n > printed)
            html.Raw("<p class=\"print-only more\">").Text($"… và {n - printed} giấy tờ khác tùy trường hợp: xem đầy đủ tại đường link (mã QR).").Raw("</p>");
        html.Raw("</section>\n");
    }

    static void Methods(Html html, ProcedureView v)
    {
        html.Raw("<section class=\"methods\" aria-labelledby=\"le-phi\"><h2 id=\"le-phi\">").Text(Labels.FeesAndTimes).Raw("</h2>");
        if (v.Methods.Count == 0)
        {
            html.Raw("<p>").Text("Chưa có thông tin lệ phí và thời gian; hỏi bộ phận tiếp nhận hồ sơ.").Raw("</p></section>\n");
            return;
        }
        html.Raw("<table><thead><tr><th scope=\"col\">Cách nộp</th><th scope=\"col\">Thời gian giải quyết</th><th scope=\"col\">Lệ phí</th></tr></thead><tbody>");
        foreach (var m in v.Methods)
        {
            html.Raw("<tr><th scope=\"row\">").Text(m.ChannelLabel).Raw("</th><td>").Element("span", m.ProcessingTime ?? "Chưa có thông tin", "cell");
            if (m.Description is { } d) html.Raw("<span class=\"method-note\">").Text(d).Raw("</span>");
            html.Raw("</td><td>").Element("span", m.Fee ?? "Chưa có thông tin", "cell").Raw("</td></tr>");
        }
        html.Raw("</tbody></table></section>\n");
    }

    static void Where(Html html, ProcedureView v)
    {
        html.Raw("<section class=\"where\" aria-labelledby=\"noi-nop\"><h2 id=\"noi-nop\">Nơi nộp hồ sơ</h2><dl>");
        if (v.Agency is { } agency) html.Element("dt", Labels.Agency).Element("dd", agency);
        if (v.SubmissionAddress is { } address) html.Element("dt", Labels.SubmissionAddress).Element("dd", address);
        if (v.Agency is null && v.SubmissionAddress is null) html.Element("dt", "Nơi nộp").Element("dd", v.Where);
        html.Raw("</dl></section>\n");
    }

    static void Paragraph(Html html, string id, string heading, string? text, string cssClass)
    {
        if (text is null) return;
        html.Raw("<section").Attr("class", cssClass).Attr("aria-labelledby", id).Raw("><h2").Attr("id", id).Raw(">").Text(heading).Raw("</h2><p>").Text(text).Raw("</p></section>\n");
    }

    static void Share(Html html, ProcedureView v, Province? province, string summary)
    {
        html.Raw("<section class=\"share no-print\" aria-labelledby=\"gui\"><h2 id=\"gui\">Gửi cho người dân</h2>")
            .Raw("<label for=\"tom-tat\">Tóm tắt để gửi qua Zalo hoặc tin nhắn</label>")
            .Raw("<textarea id=\"tom-tat\" readonly rows=\"10\">").Text(summary).Raw("</textarea>")
            .Raw("<div class=\"actions\">")
            .Raw("<button type=\"button\" data-copy=\"tom-tat\" hidden>Sao chép tóm tắt</button>")
            .Raw("<button type=\"button\" data-print hidden>In danh sách giấy tờ</button>")
            .Raw("<a").Attr("href", LookupUrls.Summary(v.Code, province)).Raw(">Tải tóm tắt (.txt)</a>")
            .Raw("<a").Attr("href", LookupUrls.QrPng(v.Code, province)).Attr("download", $"qr-{v.Code}.png").Raw(">Tải mã QR (.png)</a>")
            .Raw("</div><p class=\"copy-status\" role=\"status\" aria-live=\"polite\"></p>")
            .Raw("<p class=\"hint\">Đường link cố định của trang này: <a").Attr("href", LookupUrls.Detail(v.Code, province)).Raw(">")
            .Text(LookupUrls.Detail(v.Code, province)).Raw("</a></p></section>\n");
    }
}
