/** The S3 channel: AWS SDK v2 against AWS S3 or any S3-compatible endpoint. */
package dev.cumulus.channel.s3;
