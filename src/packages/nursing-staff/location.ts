import Taro from '@tarojs/taro'
import type { LocationInput } from '../../../types/nursing'

const WAIT_MS = 10_000

/**
 * Where the nurse is now, or null when the phone cannot say (permission refused, no signal, a browser
 * without geolocation, or no answer within 10 s). Never throws: the caller offers to go on with
 * 位置不可用 recorded, so a visit is never stuck at the door for want of GPS.
 */
export async function currentLocation(): Promise<LocationInput | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_MS))
  const located = Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: WAIT_MS - 1000 })
    .then((r) => ({
      latitude: r.latitude,
      longitude: r.longitude,
      ...(typeof r.accuracy === 'number' && r.accuracy >= 0 ? { accuracy: Math.min(r.accuracy, 100_000) } : {})
    }))
    .catch(() => null)
  return Promise.race([located, timeout])
}

export const locationText = (l: { latitude: number; longitude: number; accuracy?: number }) =>
  `纬度 ${l.latitude.toFixed(5)}，经度 ${l.longitude.toFixed(5)}${l.accuracy !== undefined ? `（误差约${Math.round(l.accuracy)}米）` : ''}`
