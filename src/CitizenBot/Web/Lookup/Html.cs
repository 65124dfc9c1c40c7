using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// Builds an HTML page where markup is written by our code and every piece of text — the user's query and the
/// catalogue alike — goes through <see cref="Text"/> or <see cref="Attr"/>, which encode it. Vietnamese letters stay
/// readable (all Unicode ranges allowed); only HTML-significant characters are escaped.
/// </summary>
sealed class Html
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    readonly StringBuilder _sb = new(16 * 1024);

    /// <summary>Markup written in our source code (never data).</summary>
    public Html Raw(string markup) { _sb.Append(markup); return this; }

    public Html Text(string? text) { if (text is not null) Encoder.Encode(new StringWriter(_sb), text); return this; }

    /// <summary>` name="value"` with the value encoded; nothing when the value is null.</summary>
    public Html Attr(string name, string? value)
    {
        if (value is null) return this;
        _sb.Append(' ').Append(name).Append("=\"");
        Text(value);
        _sb.Append('"');
        return this;
    }

    /// <summary>An element with encoded text content: <c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c>.</summary>
    public Html Element(string tag, string? text, string? cssClass = null)
    {
        _sb.Append('<').Append(tag);
        if (cssClass is not null) Attr("class", cssClass);
        _sb.Append('>');
        Text(text);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link to an http(s) URL; anything else is shown as text, never as an href.</summary>
    public Html ExternalLink(string url, string text, string? cssClass = null)
    {
        if (!IsWebUrl(url)) return Element("span", text, cssClass);
        _sb.Append("<a");
        Attr("href", url);
        if (cssClass is not null) Attr("class", cssClass);
        _sb.Append(" rel=\"noopener noreferrer\">");
        Text(text);
        _sb.Append("</a>");
        return this;
    }

    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static string Encode(string text) => Encoder.Encode(text);

    public override string ToString() => _sb.ToString();
}
