namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// What a status write did: the webhook's new status sequence (0: no such webhook), and the
/// sequence of the notification entry it appended (0: the status did not change).
/// </summary>
public sealed record StatusWrite(long StatusSequence, long NoteSequence);
