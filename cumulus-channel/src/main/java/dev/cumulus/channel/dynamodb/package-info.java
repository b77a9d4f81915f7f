/** The DynamoDB channel: AWS SDK v2 against DynamoDB or a compatible endpoint, values split below the 400 KB item limit. */
package dev.cumulus.channel.dynamodb;
