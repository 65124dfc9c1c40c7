namespace CitizenBot.DirectLine;

/// <summary>Every error the channel answers, as RFC 7807 problem details with an English and a Vietnamese sentence.</summary>
public static class DirectLineProblems
{
    public static IResult MissingCredential() => Problem(StatusCodes.Status401Unauthorized, "Missing credential",
        "Send 'Authorization: Bearer <token>'. / Thiếu mã truy cập.");

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Invalid or expired credential", detail);

    public static IResult ConversationNotFound(string id) => Problem(StatusCodes.Status404NotFound, "Conversation not found",
        $"Conversation '{id}' does not exist or has ended. / Cuộc trò chuyện không tồn tại hoặc đã kết thúc.");

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult TooLarge(int limit) => Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large",
        $"The activity is larger than {limit} bytes. / Tin nhắn quá dài (tối đa {limit} byte).");

    public static IResult TooManyPending() => Problem(StatusCodes.Status429TooManyRequests, "Too many messages",
        "The bot is still answering earlier messages; send again shortly. / Bạn gửi nhanh quá, vui lòng chờ bot trả lời rồi gửi tiếp.");

    /// <summary>503 with Retry-After: every conversation the server holds is in use (none is dropped to make room).</summary>
    public static IResult Full(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Too many conversations",
            "The server is holding as many conversations as it can; try again later. / Hệ thống đang phục vụ quá nhiều cuộc trò chuyện, vui lòng thử lại sau.");
    }

    public static IResult UploadNotAccepted() => Problem(StatusCodes.Status415UnsupportedMediaType, "Files are not accepted",
        "CitizenBot does not accept file uploads; please type your question. / CitizenBot không nhận tệp đính kèm, vui lòng gõ câu hỏi.");

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
