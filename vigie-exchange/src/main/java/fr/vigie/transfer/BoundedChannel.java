package fr.vigie.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A writable channel that refuses to grow its file past a size: the room left in the account's
 * quota, or the largest file allowed, whichever is smaller.
 */
final class BoundedChannel implements SeekableByteChannel {
  private final SeekableByteChannel delegate;
  private final long limit;
  private volatile boolean exceeded;

  BoundedChannel(SeekableByteChannel delegate, long limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    if (delegate.position() + source.remaining() > limit) {
      exceeded = true;
      throw new QuotaExceeded();
    }
    return delegate.write(source);
  }

  /** Whether a write was refused: the file is then deleted when closed. */
  boolean exceeded() {
    return exceeded;
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    return delegate.read(destination);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public SeekableByteChannel position(long position) throws IOException {
    delegate.position(position);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** The write would pass the account's quota or the largest file allowed. */
  static final class QuotaExceeded extends IOException {
    QuotaExceeded() {
      super("quota exceeded");
    }
  }
}
