using System.ComponentModel;
using System.Globalization;

namespace Dispatcher.Server.Configuration;

/// <summary>
/// Lets the configuration binder read <c>Dispatcher:ProducerKeys:N</c> given as a plain string (the
/// original form, which README's quick start and every deployment use) as an all-workspaces key.
/// The object form has no value of its own, so the binder binds its properties instead.
/// </summary>
public sealed class ProducerKeyOptionsConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string key ? ProducerKeyOptions.FromKey(key) : base.ConvertFrom(context, culture, value);
}
