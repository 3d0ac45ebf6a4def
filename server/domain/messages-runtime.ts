// What the server says when heavy work cannot be done for a request: the workers are all busy
// and the queue is full (503, try again shortly), or the work is beyond the budget one request
// gets (4xx, ask for less). Joined in messages.ts.
import type { Catalogue } from './sentence';

export const RUNTIME_MESSAGES = {
  /** `seconds`: when to try again. */
  runtime_busy: {
    zh: (p) => `服务器正忙，排队的计算已满：请约 ${p.seconds} 秒后重试`,
    en: (p) => `The server is busy and its queue of computations is full: try again in about ${p.seconds} s`,
  },
  /** `seconds`: the time budget of one computation. */
  runtime_too_long: {
    zh: (p) => `这次计算超过了 ${p.seconds} 秒的时限，已停止：请缩小范围（如选一个镇、减少新址数量）后重试`,
    en: (p) => `This computation ran past its ${p.seconds} s budget and was stopped: ask for less (one town, fewer sites) and try again`,
  },
  /** `mb`: the memory budget of one computation. */
  runtime_too_big: {
    zh: (p) => `这次计算需要的内存超过了 ${p.mb} MB 的上限，已停止：请缩小范围或拆分文件后重试`,
    en: (p) => `This computation needed more than its ${p.mb} MB of memory and was stopped: ask for less or split the file`,
  },
  /** `seconds`: the time budget; the job waited that long for a free worker. */
  runtime_queue_timeout: {
    zh: (p) => `服务器正忙，这次计算排队超过 ${p.seconds} 秒仍未开始：请稍后重试`,
    en: (p) => `The server is busy: this computation waited ${p.seconds} s for a free worker without starting; try again shortly`,
  },
  runtime_failed: {
    zh: () => '计算进程意外退出，已重新启动：请重试',
    en: () => 'The worker computing this stopped unexpectedly and was restarted: try again',
  },
  // A zip that would unpack beyond what its bytes honestly hold: refused before or while inflating.
  /** `name`: an entry whose bytes overlap another's. */
  zip_overlapping: {
    zh: (p) => `压缩包中的文件“${p.name}”与其他文件重叠（这是“压缩炸弹”的手法），已拒绝：请重新打包后再上传`,
    en: (p) => `the zip's entry "${p.name}" overlaps another one (a zip bomb's trick) and is refused: zip the files again`,
  },
  /** `name`, `size`: an entry that unpacks to other than the `size` bytes it declares. */
  zip_size_lies: {
    zh: (p) => `压缩包中的文件“${p.name}”解压后的大小与其声明的 ${p.size} 字节不符，已拒绝：文件可能已损坏或被篡改`,
    en: (p) => `the zip's entry "${p.name}" unpacks to other than the ${p.size} bytes it declares and is refused: the file is damaged or forged`,
  },
} satisfies Catalogue;
