/** IDX binary format of the MNIST family: {@link dev.cumulus.data.idx.IdxReader}. */
package dev.cumulus.data.idx;
