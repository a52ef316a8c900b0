/** Implementation of codec-opus: the service provider. Not API. */
package io.voxcore.codec.opus.internal;
