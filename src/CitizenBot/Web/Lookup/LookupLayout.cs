namespace CitizenBot.Web.Lookup;

/// <summary>The frame every look-up page shares: lang="vi", phone viewport, our own stylesheet and script, skip link, header, footer.</summary>
static class LookupLayout
{
    public static Html Begin(string title, string? canonical = null)
    {
        var html = new Html();
        html.Raw("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<meta name=\"color-scheme\" content=\"light\">\n")
            .Raw("<link rel=\"icon\" href=\"data:,\">\n") // no favicon request
            .Raw("<title>").Text(title).Raw(" – Tra cứu thủ tục – CitizenBot</title>\n");
        if (canonical is not null) html.Raw("<link rel=\"canonical\"").Attr("href", canonical).Raw(">\n");
        html.Raw("<link rel=\"stylesheet\"").Attr("href", LookupUrls.Stylesheet).Raw(">\n")
            .Raw("<script defer").Attr("src", LookupUrls.Script).Raw("></script>\n")
            .Raw("</head>\n<body>\n")
            .Raw("<a class=\"skip\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>\n")
            .Raw("<header class=\"site no-print\"><div class=\"wrap\">")
            .Raw("<a class=\"brand\"").Attr("href", LookupUrls.Root).Raw(">Tra cứu thủ tục hành chính</a>")
            .Raw("<span class=\"tagline\">Công cụ cho Tổ công nghệ số cộng đồng</span>")
            .Raw("<a class=\"to-chat\" href=\"/\">Hỏi trợ lý CitizenBot</a>")
            .Raw("</div></header>\n<main id=\"noi-dung\" class=\"wrap\" tabindex=\"-1\">\n");
        return html;
    }

    public static string End(Html html) =>
        html.Raw("</main>\n<footer class=\"site no-print\"><div class=\"wrap\"><p>Thông tin thủ tục theo Cổng Dịch vụ công quốc gia ")
            .Raw("(dichvucong.gov.vn). Hãy kiểm tra lại trên Cổng trước khi nộp hồ sơ.</p></div></footer>\n</body>\n</html>\n")
            .ToString();

    /// <summary>Notices for the reader (unknown filter values, former province names): a polite live region.</summary>
    public static void Notices(Html html, IEnumerable<string> messages)
    {
        var list = messages.ToList();
        if (list.Count == 0) return;
        html.Raw("<div class=\"notice\" role=\"status\">");
        foreach (var message in list) html.Element("p", message);
        html.Raw("</div>\n");
    }
}
