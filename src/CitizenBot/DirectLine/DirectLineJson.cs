using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Protocol;

namespace CitizenBot.DirectLine;

/// <summary>
/// The protocol JSON shape plus one rule System.Text.Json does not follow by itself: UTC times end in <c>Z</c>
/// (ACT A2043; Web Chat sorts by timestamp). Times with another offset (a client's localTimestamp) keep it.
/// </summary>
public static class DirectLineJson
{
    public static readonly JsonSerializerOptions Options = new(ProtocolJson.Options)
    {
        Converters = { new UtcZuluDateTimeOffsetConverter() },
        // Served only as application/json (never inside HTML), so Vietnamese letters go as UTF-8, not \uXXXX.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>An ActivitySet <c>{activities:[…], watermark}</c> from activities already serialized once at append.</summary>
    public static byte[] ActivitySet(IReadOnlyList<byte[]> activities, long watermark)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
                writer.WriteRawValue(activity, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

public sealed class UtcZuluDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (value.Offset == TimeSpan.Zero)
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        else
            writer.WriteStringValue(value);
    }
}
