namespace Dispatcher.Server.Api.Admin;

/// <summary>A rotation's answer: the new key (shown once) and the old one with the end of its overlap.</summary>
public sealed record RotatedKeyResponse(KeyResponse Key, KeyResponse Previous);
