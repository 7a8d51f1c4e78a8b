namespace Clockify.Emulator;

/// <summary>
/// Ends a request with Clockify's generic error body <c>{"message": ..., "code": ...}</c> (NOTES §2).
/// Bodies whose code is unknown live (404s, some 400s) use the HTTP status as code; Spring-style
/// parameter errors carry no code at all, as probed live.
/// </summary>
internal sealed class ApiException(int status, string message, int? code) : Exception(message)
{
    public int Status { get; } = status;
    public int? Code { get; } = code;

    /// <summary>403 for a missing right, e.g. a non-admin listing users (NOTES §2).</summary>
    public static ApiException AccessDenied() => new(403, "Access Denied", 501);

    public static ApiException NotFound(string message) => new(404, message, 404);

    public static ApiException BadRequest(string message, int? code = 400) => new(400, message, code);

    /// <summary>400 shaped like Spring MVC's conversion failure seen live for a wrong-typed query parameter.</summary>
    public static ApiException WrongParameterType(string name, string javaType, string value, string detail) =>
        new(400, $"Method parameter '{name}': Failed to convert value of type 'java.lang.String' to required type '{javaType}'; {detail} [{value}]", null);
}
