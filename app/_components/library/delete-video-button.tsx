"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Delete, after a confirmation that says what goes: the video and every frame picked from it. */
export function DeleteVideoButton({
  videoId,
  videoName,
  onDeleted,
}: {
  videoId: string;
  videoName: string;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.video.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        onDeleted();
        await queryClient.invalidateQueries({ queryKey: trpc.video.list.queryKey() });
      },
    }),
  );

  return (
    <>
      <button
        type="button"
        className={buttonClass("dangerOutline", "px-3 py-1.5")}
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
        aria-label={`Delete ${videoName}`}
      >
        Delete
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${videoName}”?`}
        confirmLabel="Delete video"
        busyLabel="Deleting…"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ videoId })}
        onCancel={() => setConfirming(false)}
      >
        <p>This removes the video and all frames picked from it. It cannot be undone.</p>
        {remove.error ? (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-red-800">
            {errorMessageOf(remove.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
