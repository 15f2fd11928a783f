namespace Dispatcher.Redis;

/// <summary>What <see cref="RedisLayout.CheckAsync"/> found under the prefix.</summary>
public enum LayoutState
{
    /// <summary>Already stamped with this version's layout.</summary>
    Current,

    /// <summary>No Dispatcher data yet: stamped.</summary>
    StampedFresh,

    /// <summary>Older data migrated (see <see cref="LayoutVerdict.From"/>) and stamped.</summary>
    StampedMigrated,

    /// <summary>Layout-1 data with keys whose names change: they cannot be renamed safely.</summary>
    NeedsMigration,

    /// <summary>A layout this version does not know (a newer one, or a value no Dispatcher writes).</summary>
    Unknown,
}
