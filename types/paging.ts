import { z } from 'zod'

/**
 * Where the next page of a work queue starts (加载更多): the last row's sort key, its rank when the
 * queue sorts on a rank first, and how many rows already shown share that key. Pages continue from
 * a key, not from a count of rows, so an order someone else moves on between two pages skips no
 * one and a new one arriving at the top is not shown twice. Made by the server; a client sends back
 * the `next` it was given.
 */
export const pageCursor = z
  .object({
    at: z.string().datetime({ message: '分页位置不正确' }),
    rank: z.number().int().min(0).max(100).optional(),
    same: z.number().int().min(1).max(1000)
  })
  .strict()

export type PageCursor = z.infer<typeof pageCursor>
