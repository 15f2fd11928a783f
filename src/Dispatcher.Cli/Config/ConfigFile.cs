using System.Text.Json;

namespace Dispatcher.Cli.Config;

/// <summary>
/// The settings <c>dispatcher login</c> saves: <c>$XDG_CONFIG_HOME/dispatcher/config.json</c> (or the
/// platform's application-data folder), overridable with <c>DISPATCHER_CONFIG</c>. Written with mode
/// 600 because it holds keys.
/// </summary>
public static class ConfigFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Path
    {
        get
        {
            string? explicitPath = Environment.GetEnvironmentVariable("DISPATCHER_CONFIG");
            if (!string.IsNullOrEmpty(explicitPath))
            {
                return explicitPath;
            }
            string root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return System.IO.Path.Combine(root, "dispatcher", "config.json");
        }
    }

    public static SavedSettings Read()
    {
        string path = Path;
        if (!File.Exists(path))
        {
            return new SavedSettings();
        }
        try
        {
            return JsonSerializer.Deserialize<SavedSettings>(File.ReadAllText(path), Json) ?? new SavedSettings();
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"the config file {path} is not valid JSON ({ex.Message}); run `dispatcher login` again");
        }
    }

    public static void Write(SavedSettings settings)
    {
        string path = Path;
        string? directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        // Write a fresh 600 file and move it over the old one, so the keys are never readable by others, even briefly.
        string temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, settings, Json);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }
}
