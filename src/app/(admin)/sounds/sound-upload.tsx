"use client";

import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Field, FormError } from "@/components/field";
import type { FieldErrors } from "@/lib/errors";

/**
 * Uploads one MP3 or WAV with XMLHttpRequest (fetch has no upload progress), showing a progress
 * bar; then the server checks, converts and stores it. Errors land by their fields, and the
 * chosen file and name stay so nothing is lost.
 */
export function SoundUpload({ maxMb }: { maxMb: number }) {
  const router = useRouter();
  const progressId = useId();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "converting" | "done">("idle");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = () => {
    const next: FieldErrors = {};
    if (!name.trim()) next.name = ["Enter a name."];
    if (!file) next.file = ["Choose an MP3 or WAV file."];
    else if (file.size > maxMb * 1024 * 1024) next.file = [`The file is larger than ${maxMb} MB.`];
    setErrors(next);
    if (Object.keys(next).length || !file) {
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setMessage(null);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/sounds?name=${encodeURIComponent(name.trim())}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      setProgress(100);
      setPhase("converting");
    };
    xhr.onerror = () => {
      setPhase("idle");
      setMessage("The upload failed: check the connection and try again.");
    };
    xhr.onload = () => {
      let body: { error?: { message: string; fieldErrors?: FieldErrors } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status === 201) {
        setPhase("done");
        setName("");
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
        setErrors({});
        router.refresh();
        return;
      }
      setPhase("idle");
      setProgress(null);
      setErrors(body.error?.fieldErrors ?? {});
      setMessage(
        body.error?.fieldErrors
          ? "Please correct the highlighted fields."
          : (body.error?.message ?? "The upload failed."),
      );
    };
    setPhase("uploading");
    setProgress(0);
    xhr.send(file);
  };

  const busy = phase === "uploading" || phase === "converting";
  return (
    <form
      className="card space-y-4 p-6"
      noValidate
      aria-label="Upload a sound"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="font-semibold">Upload a sound</h2>
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="Letters, digits, '-' or '_', unique in the library."
        >
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Audio file"
          name="file"
          errors={errors.file}
          help={`MP3 or WAV, up to ${maxMb} MB. Converted to 8 kHz mono for the phone network.`}
        >
          {(p) => (
            <input
              {...p}
              ref={fileInput}
              type="file"
              accept=".mp3,.wav,audio/mpeg,audio/wav,audio/x-wav"
              className="input"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
      </div>
      {progress !== null && (
        <div className="space-y-1">
          <progress
            id={progressId}
            className="w-full"
            max={100}
            value={progress}
            aria-label="Upload progress"
          />
          <p className="text-sm text-slate-600 dark:text-slate-300" role="status" aria-live="polite">
            {phase === "uploading"
              ? `Uploading… ${progress}%`
              : phase === "converting"
                ? "Uploaded. Checking and converting…"
                : phase === "done"
                  ? "Uploaded and converted."
                  : ""}
          </p>
        </div>
      )}
      <div className="flex justify-end">
        <button type="submit" className="btn-primary" disabled={busy}>
          <Upload className="size-4" aria-hidden /> {busy ? "Uploading…" : "Upload"}
        </button>
      </div>
    </form>
  );
}
