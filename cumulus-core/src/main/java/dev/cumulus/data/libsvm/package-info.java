/** LIBSVM / SVMlight text format: {@link dev.cumulus.data.libsvm.LibsvmReader} and writer. */
package dev.cumulus.data.libsvm;
