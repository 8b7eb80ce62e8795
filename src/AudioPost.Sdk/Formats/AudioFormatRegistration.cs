namespace AudioPost.Sdk.Formats;

/// <summary>The pieces registered for one format. Immutable.</summary>
internal sealed record AudioFormatRegistration(
    IAudioFileFormat Format,
    IAudioDecoder Decoder,
    IAudioEncoder? Encoder,
    IAudioFormatDetector Detector);
