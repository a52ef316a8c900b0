/**
 * Test support shared by every module's tests (published as codec-core's test jar): the ITU-T
 * reference vectors and the facts published with them.
 */
package io.voxcore.codec.testkit;
