import type * as TfCore from "@tensorflow/tfjs-core";

/**
 * Turns a gray frame into the [1, side, side, 3] RGB tensor the face model wants.
 * The frame sits in the top-left corner with black padding right/bottom: the model squashes any
 * input to 256×256, so padding keeps faces undistorted, and putting the padding after the image
 * means box coordinates need no shifting back. The caller disposes the tensor.
 */
export function grayToSquareRgb(
  tf: typeof TfCore,
  gray: Uint8Array,
  width: number,
  height: number,
): TfCore.Tensor4D {
  const side = Math.max(width, height);
  // A plain loop into float32 is ~10× faster here than tfjs pad/tile on an int32 tensor (wasm backend).
  const rgb = new Float32Array(side * side * 3);
  for (let y = 0; y < height; y++) {
    let source = y * width;
    let target = y * side * 3;
    for (let x = 0; x < width; x++, source++, target += 3) {
      const value = gray[source] ?? 0;
      rgb[target] = value;
      rgb[target + 1] = value;
      rgb[target + 2] = value;
    }
  }
  return tf.tensor4d(rgb, [1, side, side, 3], "float32");
}
