namespace CitizenBot.Web.Lookup;

/// <summary>The 404 page for an unknown procedure code: says so in Vietnamese, shows the RFC 7807 fields, offers the search.</summary>
static class NotFoundPageHtml
{
    public static string Render(string code, string title, string detail)
    {
        var html = LookupLayout.Begin("Không tìm thấy thủ tục");
        html.Raw("<section class=\"problem\" aria-labelledby=\"loi\"><h1 id=\"loi\">Không tìm thấy thủ tục</h1>")
            .Raw("<p>").Text(detail).Raw("</p>")
            .Raw("<dl class=\"problem-fields\"><dt>status</dt><dd>404</dd><dt>title</dt><dd>").Text(title).Raw("</dd><dt>code</dt><dd>")
            .Text(ProblemCode(code)).Raw("</dd></dl>")
            .Raw("<form class=\"search\" role=\"search\" method=\"get\"").Attr("action", LookupUrls.Root).Raw(">")
            .Raw("<label for=\"q\">Tìm thủ tục theo tên</label><div class=\"query-row\"><input id=\"q\" name=\"q\" type=\"search\"")
            .Attr("maxlength", LookupQuery.MaxQueryLength.ToString()).Raw("><button type=\"submit\">Tìm</button></div></form>")
            .Raw("</section>\n");
        return LookupLayout.End(html);
    }

    public static string ProblemCode(string code) => Core.Presentation.ShortText.Shorten(Core.Presentation.ProcedureView.Clean(code) ?? "", 40);
}
