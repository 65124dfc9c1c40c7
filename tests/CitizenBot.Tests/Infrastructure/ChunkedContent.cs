namespace CitizenBot.Tests.Infrastructure;

/// <summary>
/// A request body sent chunked, without Content-Length (its stream cannot seek, so HttpClient cannot know its size):
/// a size limit can then only be enforced by the server counting while it reads.
/// </summary>
public static class ChunkedContent
{
    public static HttpContent Of(byte[] body) => new StreamContent(new UnknownLengthStream(body));

    sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
